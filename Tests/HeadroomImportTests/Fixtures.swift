import HeadroomImport
import HeadroomModel
import Testing

/// Small inline Epoch files for the conversion tests.
enum Fixtures {
    /// The header of `data_centers.csv` (the columns the import reads, and one it ignores).
    static let centersHeader = "Name,Current power (MW),Owner,Users,Project,Current chip types,Country,Address\n"

    /// The header of `data_center_timelines.csv`.
    static let timelinesHeader =
        "Data center,Date,Construction status,IT power (MW),Power (MW),H100 equivalents\n"

    /// Three campuses: one on the IT basis with a quoted multi-line status, one facility-only, one without an owner.
    static let centers =
        centersHeader
        + "Alpha Campus,300,Microsoft #confident,\"OpenAI #likely, Microsoft #likely\",Fairwater,B200,United States,"
        + "\"1 Main St, Atlanta, GA 30214\"\n"
        + "Beta,50,CoreWeave #confident,OpenAI #speculative,,Trainium2,Norway,\"Narvik\"\n"
        + "Gamma,10,,,,,United States,\n"
    /// Their timelines: Alpha steps 0 → 100 → 100 → 250 → 300 (IT, with facility Power), Beta has facility Power
    /// only, Gamma's rows are never read (no owner).
    static let timelines =
        timelinesHeader
        + "Alpha Campus,2025-01-10,\"Land cleared,\nfirst shell\",0,0,0\n"
        + "Alpha Campus,2025-09-26,Building 1,100,130,120000\n"
        + "Alpha Campus,2026-01-15,No change,100,130,120000\n"
        + "Alpha Campus,2026-05-23,Buildings 2-3,250,340,300000\n"
        + "Alpha Campus,2027-02-01,Projected,300,405,360000\n"
        + "Beta,2025-06-01,,,20,\n"
        + "Beta,2026-03-01,,,50,\n"
        + "Gamma,2025-01-01,,5,6,\n"

    /// Converts the fixtures at `asOf`.
    static func convert(
        centers: String = centers, timelines: String = timelines, asOf: String = "2026-06", owners: [String] = [],
        users: [String] = [], catalog: AcceleratorCatalog = AcceleratorCatalog()
    ) throws -> EpochImport {
        let month = try #require(Month(asOf))
        return try EpochImporter.convert(
            dataCenters: CSVSource(file: "centers.csv", text: centers),
            timelines: CSVSource(file: "timelines.csv", text: timelines),
            options: EpochImportOptions(asOf: month, owners: owners, users: users), catalog: catalog)
    }
}
