import Foundation
import HeadroomAnalysis
import HeadroomEngine
import HeadroomModel
import Testing

@testable import HeadroomReport

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The HTML report: well-formed XML, every chart present and non-empty, no network, the figures it shows.
@Suite("HTML report")
struct HTMLReportTests {
    /// Collects elements while parsing the page as XML.
    final class Collector: NSObject, XMLParserDelegate {
        var charts: [(id: String, children: Int)] = []
        var depthInChart = 0
        var elements: [String: Int] = [:]
        var remoteReferences: [String] = []
        var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements[name, default: 0] += 1
            if depthInChart == 1, !charts.isEmpty { charts[charts.count - 1].children += 1 }
            if depthInChart > 0 { depthInChart += 1 }
            if name == "svg", attributes["class"] == "chart" {
                charts.append((attributes["id"] ?? "", 0))
                depthInChart = 1
            }
            for key in ["src", "href", "xlink:href"] {
                if let value = attributes[key], value.contains("://") { remoteReferences.append(value) }
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if depthInChart > 0 { depthInChart -= 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    /// The report of ``StructuresReportTests/market()``: 256 paths, the static run and the three structures.
    static func report(attributions: [String] = []) throws -> HTMLReport {
        let run = try ReportScenarios.run(
            StructuresReportTests.market(),
            .report(SimulationSettings(paths: 256, seed: 2, threads: 1), includeStructures: true))
        return try #require(HTMLReport(run: run, version: "test", attributions: attributions))
    }

    static func page() throws -> String {
        try report(attributions: ["Data: Epoch AI, Frontier Data Centers (CC BY 4.0)"]).html()
    }

    @Test("the page parses as XML; every chart is present and non-empty; nothing is loaded from the network")
    func wellFormed() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        #expect(
            collector.charts.map(\.id) == [
                // No tornado: demand and lead times are fixed here, so no input moves unserved demand.
                "fan", "shortfall-probability", "spend", "cumulative-spend", "gantt", "structures-unserved",
                "structures-spend",
            ])
        for chart in collector.charts { #expect(chart.children > 3, "\(chart.id) has \(chart.children) children") }
        #expect(collector.remoteReferences.isEmpty, "\(collector.remoteReferences)")
        #expect((collector.elements["table"] ?? 0) >= 8)
        #expect(collector.text.contains("Data: Epoch AI, Frontier Data Centers (CC BY 4.0)"))
        #expect(collector.text.contains("Deal structures: exclusive, right of first refusal, open market"))
        #expect(collector.text.contains("headroom test"))
    }

    @Test("headline and structures figures are the run's: 36,000 MW-months unserved statically, 9,100 under rofr")
    func figures() throws {
        let html = try Self.page()
        // Nothing signed: the whole flat 1,000 MW × 36 months goes unserved in the static run.
        #expect(html.contains(">36,000<"))
        #expect(html.contains(">9,100 ± 0<") && html.contains(">19,800 ± 0<") && html.contains(">8,400 ± 0<"))
        #expect(html.contains("P(spend &gt; all $20.0B)"))
    }

    @Test("key findings read the figures: shortfall from the first month, the structures' differences")
    func findings() throws {
        let findings = try Self.report().findings()
        #expect(
            findings.first
                == "A shortfall becomes more likely than not from 2030-01 and stays so: by 2032-12 the median shortfall is 1.0 GW."
        )
        // Nothing is signed, so the static run spends nothing: no cap finding; and no input moves unserved demand.
        #expect(!findings.contains { $0.hasPrefix("Budget") || $0.hasPrefix("The strongest driver") })
        #expect(
            findings.contains(
                "Under exclusive rather than rofr: +10,700 expected unserved MW-months and -$2.8B expected spend."))
        #expect(
            findings.contains(
                "Under open rather than rofr: -700 expected unserved MW-months and +$660.0M expected spend."))
    }

    @Test("without a policy the structures section is left out and the page still parses")
    func withoutStructures() throws {
        let run = try ReportScenarios.run(
            ReportScenarios.single(),
            .report(SimulationSettings(paths: 128, seed: 3, threads: 1), includeStructures: true))
        let html = try #require(HTMLReport(run: run, version: "test")).html()
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.charts.map(\.id) == ["fan", "shortfall-probability", "spend", "cumulative-spend", "gantt"])
        #expect(!collector.text.contains("Deal structures"))
        #expect(!html.contains("Epoch AI"))
    }

    @Test("the style sheet and the script hold no < or &, so they need no escaping")
    func rawBlocksAreSafe() {
        for block in [HTMLReport.css, HTMLReport.selfCheck] {
            #expect(!block.contains("<") && !block.contains("&"))
        }
    }

    @Test(
        "edge cases: control characters dropped, one-point series drawn as a marker, short horizons labelled, never-online phases dashed"
    )
    func edgeCases() {
        #expect(SVG.escape("a\u{01}b\tc\u{7F}") == "ab\tc")
        let frame = ChartFrame(x: (0, 1), y: (0, 1))
        #expect(frame.line([(0, 0.5)], colour: "#000").hasPrefix("<circle"))
        let start = Month(year: 2026, month: 3) ?? Month(ordinal: 0)
        let short = (0..<10).map { start.adding(months: $0) }
        #expect(Charts.yearLabels(short).map(\.1) == ["2026-03", "2026-04", "2026-07", "2026-10"])
        let gantt = Charts.gantt(
            months: short,
            rows: [Charts.GanttRow(name: "gone", planned: 1, p50: .infinity, p90: .infinity, cancelled: 1)])
        #expect(gantt.contains("never (P50)") && gantt.contains("stroke-dasharray=\"4 3\""))
        #expect(!gantt.contains("nan") && !gantt.contains("inf"))
        // Credits: negative totals extend the axis below zero instead of leaving the frame.
        let bars = Charts.stackedBars(labels: ["2026"], series: [(name: "p", values: [-5e9])], caps: [])
        #expect(bars.contains("-$5.0B") || bars.contains("-$4.0B") || bars.contains("-$6.0B"))
    }

    @Test("ticks are round and cover the range; escaping covers the five XML specials")
    func helpers() {
        #expect(SVG.ticks(0, 95) == [0, 20, 40, 60, 80])
        #expect(SVG.ticks(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0])
        #expect(SVG.ticks(0, 4.5e11).count >= 4)
        #expect(SVG.escape(#"a<b & "c" 'd'>"#) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(HTMLReport.isNumeric("$1.2B") && HTMLReport.isNumeric("-3") && !HTMLReport.isNumeric("cancels"))
    }
}
