import Foundation
import HeadroomImport
import HeadroomModel
import HeadroomScenario
import Testing

/// Merging an import into a user's scenario by id, keeping the user's text.
@Suite("Import: merge into a scenario")
struct MergeTests {
    /// A user's scenario: comments, a campus already named `alpha-campus`, campuses listed at column 0, no regions.
    static let user = """
        # My plan. Hand-written.
        headroom: 1
        name: "Mine"
        start: 2026-01
        end: 2028-12
        workloads: [training]
        providers:
          - id: microsoft        # the incumbent
            kind: hyperscaler

        # --- campuses ---
        campuses:
        - id: alpha-campus
          provider: microsoft
          phases:
            - {id: b1, it_mw: 10, planned: 2026-03}
            # a note inside the list

        # --- demand ---
        demand:
          - workload: training
            anchors: [{month: 2026-01, mw: 10}]

        """

    /// Whether `original`'s lines appear in `merged` in order, every other line of `merged` being one of `inserted`.
    static func keeps(_ original: String, in merged: String) -> Bool {
        let lines = merged.split(separator: "\n", omittingEmptySubsequences: false)
        var cursor = lines.startIndex
        for line in original.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let found = lines[cursor...].firstIndex(of: line) else { return false }
            cursor = found + 1
        }
        return true
    }

    @Test("new ids are inserted into their sections or appended; existing ids are kept; the user's text stays")
    func merge() throws {
        let imported = try Fixtures.convert()
        let result = try EpochMerge.merge(imported, into: Self.user, file: "mine.yaml")
        #expect(result.kept == ["campus alpha-campus"])
        #expect(result.added == ["provider coreweave", "region norway", "campus beta"])
        #expect(Self.keeps(Self.user, in: result.text))
        let userLines = Self.user.split(separator: "\n", omittingEmptySubsequences: false).count
        let mergedLines = result.text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(mergedLines > userLines)
        // Everything up to the end of the providers list is untouched, and the regions section is appended.
        let head = try #require(Self.user.components(separatedBy: "\n\n# --- campuses").first)
        #expect(result.text.hasPrefix(head + "\n  # Added by headroom import epoch (as of 2026-06)"))
        #expect(
            result.text.hasSuffix(
                "\nregions:\n  # Added by headroom import epoch (as of 2026-06); © Epoch AI, "
                    + "Frontier Data Centers, CC BY 4.0\n  - id: norway\n    name: \"Norway\"\n"))
        // Beta went in at the campuses list's own indentation (column 0), after its last entry's comment.
        #expect(result.text.contains("    # a note inside the list\n# Added by headroom import epoch"))
        #expect(result.text.contains("\n- id: beta\n  name: \"Beta\"\n  provider: coreweave\n"))
        let scenario = try ScenarioReader.parse(result.text, file: "mine.yaml")
        let mine = try ScenarioReader.parse(Self.user, file: "mine.yaml")
        #expect(scenario.campuses.map(\.id) == ["alpha-campus", "beta"])
        #expect(scenario.campuses.first == mine.campuses.first)
        #expect(scenario.providers.map(\.id) == ["microsoft", "coreweave"])
        #expect(scenario.demand == mine.demand)
    }

    @Test("merging the same import twice adds nothing the second time and returns the text unchanged")
    func idempotent() throws {
        let imported = try Fixtures.convert()
        let once = try EpochMerge.merge(imported, into: Self.user, file: "mine.yaml")
        let twice = try EpochMerge.merge(imported, into: once.text, file: "mine.yaml")
        #expect(twice.text == once.text)
        #expect(twice.added.isEmpty)
        #expect(twice.kept == ["campus alpha-campus", "campus beta"])
    }

    @Test("a flow-style list cannot be added to: the error names the file and line")
    func flowList() throws {
        let flow = Self.user.replacingOccurrences(
            of: "providers:\n  - id: microsoft        # the incumbent\n    kind: hyperscaler\n",
            with: "providers: [{id: microsoft, kind: hyperscaler}]\n")
        #expect(throws: MergeError.self) { try EpochMerge.merge(try Fixtures.convert(), into: flow, file: "mine.yaml") }
        do {
            _ = try EpochMerge.merge(try Fixtures.convert(), into: flow, file: "mine.yaml")
        } catch let error as MergeError {
            #expect(error.message.hasPrefix("mine.yaml:7:1: error: 'providers' is not a block list"))
        }
    }
}
