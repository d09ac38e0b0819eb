import Foundation
import HeadroomModel
import HeadroomScenario
import Testing

/// Every scenario the README and the docs show must read without a problem, and the mistake they used to make (an
/// unquoted inline distribution inside a flow mapping) gets an error that says how to write it.
@Suite("Documented scenarios")
struct DocumentedScenarioTests {
    /// The package root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Each ```` ```yaml ```` block of the README and of `docs/*.md`, with its file and first line.
    static func yamlBlocks() -> [YAMLBlock] {
        let docs =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
        let files = ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        var blocks: [YAMLBlock] = []
        for file in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else {
                continue
            }
            var current: (line: Int, lines: [String])?
            for (n, line) in text.components(separatedBy: "\n").enumerated() {
                if let open = current {
                    if line.hasPrefix("```") {
                        blocks.append(YAMLBlock(file: file, line: open.line, text: open.lines.joined(separator: "\n")))
                        current = nil
                    } else {
                        current = (open.line, open.lines + [line])
                    }
                } else if line.hasPrefix("```yaml") {
                    current = (n + 2, [])
                }
            }
        }
        return blocks
    }

    @Test("the README shows a scenario block")
    func readmeHasABlock() {
        #expect(Self.yamlBlocks().contains { $0.file == "README.md" })
    }

    @Test("every YAML block in the README and the docs reads as a valid scenario", arguments: yamlBlocks())
    func documentedBlockReads(_ block: YAMLBlock) {
        #expect(throws: Never.self, "\(block.file):\(block.line)") {
            try ScenarioReader.parse(block.text, file: "\(block.file):\(block.line)")
        }
    }

    @Test("an unquoted inline distribution in a flow mapping: one error, with the hint to quote it")
    func flowMappingHint() throws {
        let text = """
            headroom: 1
            name: x
            start: 2026-01
            months: 12
            workloads: [training]
            providers: [{id: cloud, kind: neocloud}]
            regions: [texas]
            campuses:
              - {id: c, provider: cloud, region: texas, phases: [{id: p, it_mw: 10, planned: 2026-01, delay_months: pert(0, 3, 12)}]}
            demand:
              - {workload: training, anchors: [{month: 2026-01, mw: 5}]}
            """
        #expect {
            try ScenarioReader.parse(text, file: "flow.yaml")
        } throws: { error in
            guard let error = error as? ScenarioError else { return false }
            let hinted = error.diagnostics.filter { $0.message.contains("quote it (\"pert(0, …)\")") }
            return hinted.count == 1 && hinted[0].path == "campuses[0].phases[0].delay_months"
        }
        let quoted = text.replacingOccurrences(of: "pert(0, 3, 12)", with: "\"pert(0, 3, 12)\"")
        let scenario = try ScenarioReader.parse(quoted, file: "flow.yaml")
        #expect(scenario.campuses[0].phases[0].delayMonths == .pert(min: 0, mode: 3, max: 12))
    }
}

/// A fenced YAML block of a Markdown file.
struct YAMLBlock: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var text: String
    var testDescription: String { "\(file):\(line)" }
}
