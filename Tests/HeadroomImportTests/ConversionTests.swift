import HeadroomCSV
import HeadroomImport
import HeadroomModel
import Testing

/// Epoch rows to campuses on small inline files: steps, bases, PUE, the as-of split, filters and skipped rows.
@Suite("Import: Epoch conversion")
struct ConversionTests {
    @Test("IT power stepping 0 → 100 → 100 → 250 → 300 MW gives phases of 100, 150 and 50 MW in their months")
    func stepUp() throws {
        let imported = try Fixtures.convert()
        let alpha = try #require(imported.campuses.first)
        #expect(alpha.campus.id == "alpha-campus")
        #expect(alpha.campus.name == "Alpha Campus")
        #expect(alpha.campus.phases.map(\.id) == ["p2025-09", "p2026-05", "p2027-02"])
        #expect(alpha.campus.phases.map(\.megawatts) == [100, 150, 50])
        #expect(alpha.campus.phases.map(\.plannedOnline.description) == ["2025-09", "2026-05", "2027-02"])
        #expect(alpha.campus.phases.allSatisfy { $0.basis == .it && $0.delayMonths == .fixed(0) })
        #expect(alpha.campus.provider == "microsoft")
        #expect(alpha.campus.region == "us-ga")
        let provider = try #require(imported.providers.first)
        #expect(provider == Provider(id: "microsoft", name: "Microsoft", kind: .hyperscaler))
        #expect(imported.regions.map(\.id) == ["us-ga", "norway"])
    }

    @Test("with IT and facility power on a row, pue = Power / IT power of the latest such row (405 / 300 = 1.35)")
    func pueFromBothBases() throws {
        let alpha = try #require(try Fixtures.convert().campuses.first)
        #expect(alpha.campus.pue == 1.35)
        #expect(
            alpha.notes.contains(
                "pue 1.35 = Power 405 MW / IT power 300 MW on 2027-02-01, the latest row that gives both"))
        #expect(alpha.notes.contains("Power basis: IT MW (Epoch's IT power (MW))"))
    }

    @Test("a campus whose rows give only Power (MW) gets facility-basis phases of 20 and 30 MW and the default PUE")
    func facilityOnly() throws {
        let imported = try Fixtures.convert()
        let beta = try #require(imported.campuses.first { $0.campus.id == "beta" })
        #expect(beta.campus.phases.map(\.basis) == [.facility, .facility])
        #expect(beta.campus.phases.map(\.megawatts) == [20, 30])
        #expect(beta.campus.phases.map(\.id) == ["p2025-06", "p2026-03"])
        #expect(beta.campus.pue == 1.2)
        #expect(
            beta.notes.contains("Power basis: facility MW (Epoch's Power (MW)), because no row gives IT power (MW)"))
        #expect(beta.notes.contains("pue 1.2 is Headroom's default: no row gives both IT power (MW) and Power (MW)"))
        #expect(imported.providers.map(\.kind) == [.hyperscaler, .neocloud])
    }

    @Test("rows dated after --as-of are planned phases; on or before it, observed")
    func asOfSplit() throws {
        let early = try #require(try Fixtures.convert(asOf: "2025-12").campuses.first)
        #expect(early.observedPhases == ["p2025-09"])
        #expect(early.lastObservedMegawatts == 100)
        #expect(early.notes.contains { $0.contains("p2026-05: +150 MW IT on 2026-05-23, planned") })
        let mid = try Fixtures.convert(asOf: "2026-05")
        #expect(mid.campuses.first?.observedPhases == ["p2025-09", "p2026-05"])
        #expect(mid.campuses.first?.lastObservedMegawatts == 250)
        #expect(mid.observedITMegawatts == 250 + 50 / 1.2)
        #expect(mid.totalITMegawatts == 300 + 50 / 1.2)
        let late = try #require(try Fixtures.convert(asOf: "2027-02").campuses.first)
        #expect(late.observedPhases.count == 3)
        #expect(late.lastObservedMegawatts == 300)
    }

    @Test("--owner and --users match Epoch's names case-insensitively with tags stripped; the rest is counted")
    func filters() throws {
        let byOwner = try Fixtures.convert(owners: ["MICROSOFT"])
        #expect(byOwner.campuses.map(\.campus.id) == ["alpha-campus"])
        #expect(byOwner.filteredOut == 2)
        #expect(byOwner.skipped.isEmpty)
        let byUser = try Fixtures.convert(users: ["openai"])
        #expect(byUser.campuses.map(\.campus.id) == ["alpha-campus", "beta"])
        #expect(byUser.filteredOut == 1)
        let both = try Fixtures.convert(owners: ["coreweave"], users: ["microsoft"])
        #expect(both.campuses.isEmpty)
        #expect(both.filteredOut == 3)
    }

    @Test("rows that cannot be used are listed with file:line and the reason")
    func skippedRows() throws {
        let centers = Fixtures.centersHeader + "Delta,1,Oracle,,,,,\nEpsilon,1,Oracle,,,,,\nZeta,0,Oracle,,,,,\n"
        let timelines =
            Fixtures.timelinesHeader
            + "Delta,2025-13-01,,10,12,\n"  // 2
            + "Delta,2025-02-01,,n/a,12,\n"  // 3
            + "Delta,2025-03-01,,,,\n"  // 4
            + "Delta,2025-04-01,,40,50,\n"  // 5
            + "Delta,2025-05-01,,,60,\n"  // 6
            + "Delta,2025-06-01,,30,40,\n"  // 7
            + "Omega,2025-06-01,,30,40,\n"  // 8
            + "Zeta,2025-06-01,,0,0,\n"  // 9
        let imported = try Fixtures.convert(centers: centers, timelines: timelines)
        #expect(
            imported.skipped.map(\.description) == [
                "timelines.csv:8: skipped: 'Omega' is not a Name in centers.csv",
                "timelines.csv:2: skipped: Delta: Date: expected YYYY-MM-DD, found '2025-13-01'",
                "timelines.csv:3: skipped: Delta: IT power (MW): expected a number of MW (0 or more), found 'n/a'",
                "timelines.csv:4: skipped: Delta: neither IT power (MW) nor Power (MW) is given",
                "timelines.csv:6: skipped: Delta: only Power (MW) is given, and the campus's other rows give IT "
                    + "power (MW); facility MW are not mixed into IT steps",
                "timelines.csv:7: skipped: Delta: IT power 30 MW is below the earlier 40 MW: reductions are not modelled",
                "centers.csv:3: skipped: Epsilon: no rows in timelines.csv (no dated power)",
                "centers.csv:4: skipped: Zeta: no power in any usable row of timelines.csv (0 MW throughout)",
            ])
        #expect(imported.campuses.map(\.campus.phases.first?.megawatts) == [40])
        let owned = try Fixtures.convert()
        #expect(
            owned.skipped.map(\.description) == [
                "centers.csv:4: skipped: Gamma: Owner is empty: no provider to attach the campus to"
            ])
    }

    @Test("malformed CSV gives the file, line and column")
    func malformed() throws {
        func error(centers: String = Fixtures.centers, timelines: String = Fixtures.timelines) -> String? {
            do {
                _ = try Fixtures.convert(centers: centers, timelines: timelines)
                return nil
            } catch {
                return (error as? CSVError)?.description
            }
        }
        #expect(
            error(timelines: Fixtures.timelinesHeader + "Alpha Campus,2025-09-26,\"open,100,130,1\n")
                == "timelines.csv:2:25: error: a quoted field is never closed")
        #expect(
            error(timelines: Fixtures.timelinesHeader + "Alpha Campus,2025-09-26,x,100,130\n")
                == "timelines.csv:2:34: error: expected 6 fields (as in the header), found 5")
        #expect(
            error(timelines: Fixtures.timelinesHeader + "Alpha,\"a\nb\",x,1,2,3,4\n")
                == "timelines.csv:3:12: error: expected 6 fields (as in the header), found 7")
        #expect(
            error(centers: "Name,Owner\nAlpha,Microsoft\n")
                == "centers.csv:1:1: error: no 'Users' column in the header")
        #expect(
            error(timelines: Fixtures.timelinesHeader + "Alpha Campus,2025\"-09,x,1,2,3\n")
                == "timelines.csv:2:18: error: a quote inside an unquoted field; quote the field")
    }

    @Test("chip types map to catalogue ids (B200 → b200, B300 → gb300 when b300 is absent); others name none")
    func accelerators() throws {
        let csv =
            "id,name,tdp_w,bf16_dense_tflops,fp8_dense_tflops,available\n"
            + "b200,B200 (HGX),1000,2250,4500,2025\n"
            + "gb300,GB300,~1400 (reported),2500,,2025-H2\n"
            + "mi450,MI450,,,,2026-H2\n"
        let catalog = try AcceleratorCatalog.parse(CSVSource(file: "acc.csv", text: csv))
        #expect(catalog.accelerators.map(\.id) == ["b200", "gb300"])
        #expect(catalog.accelerators.map(\.itWattsPerAccelerator) == [1820, 2548])
        #expect(catalog.accelerators.map(\.bf16Flops) == [2.25e15, 2.5e15])
        #expect(catalog.accelerators.map(\.availableFrom) == [Month("2025-01"), Month("2025-07")])
        #expect(
            catalog.skipped.map(\.description) == [
                "acc.csv:4: skipped: mi450: no tdp_w figure, so no IT watts per accelerator"
            ])
        #expect(catalog.match(["B300", "B200"])?.accelerator.id == "gb300")
        #expect(catalog.match(["Trainium2"]) == nil)
        let imported = try Fixtures.convert(catalog: catalog)
        #expect(
            imported.campuses.map { $0.campus.phases.map(\.accelerator) } == [["b200", "b200", "b200"], [nil, nil]])
        #expect(imported.accelerators.map(\.id) == ["b200"])
        #expect(
            imported.campuses[1].notes.contains { $0.hasPrefix("Chips: Trainium2; none maps to a known accelerator") })
    }
}
