import Foundation
import HeadroomModel
import Testing

@testable import HeadroomEngine

/// Quantiles of every continuous family against values computed with scipy.stats (committed fixture).
@Suite("Distributions")
struct DistributionTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var kind: String
            var params: [Double]
            var levels: [Double]
            var quantiles: [Double]
            var mean: Double
        }
        var cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(
            Bundle.module.url(forResource: "quantiles", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func distribution(_ c: Fixture.Case) -> Distribution? {
        let p = c.params
        switch c.kind {
        case "pert": return .pert(min: p[0], mode: p[1], max: p[2])
        case "triangular": return .triangular(min: p[0], mode: p[1], max: p[2])
        case "uniform": return .uniform(min: p[0], max: p[1])
        case "normal": return .normal(mean: p[0], sd: p[1])
        case "lognormal": return .lognormal(median: p[0], sigma: p[1])
        case "shifted_lognormal": return .shiftedLognormal(shift: p[0], median: p[1], sigma: p[2])
        default: return nil
        }
    }

    @Test("quantile function matches scipy.stats to 1e-9 (relative to scale)")
    func quantilesMatchScipy() throws {
        let fixture = try Self.fixture()
        #expect(fixture.cases.count >= 15)
        for c in fixture.cases {
            let d = try #require(Self.distribution(c))
            for (q, expected) in zip(c.levels, c.quantiles) {
                let got = d.quantile(q)
                #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "\(c.name) at \(q): \(got) vs \(expected)")
            }
            #expect(abs(d.mean - c.mean) <= 1e-9 * max(1, abs(c.mean)), "\(c.name) mean")
        }
    }

    @Test("CDF inverts the quantile function")
    func cdfInvertsQuantile() throws {
        for c in try Self.fixture().cases {
            let d = try #require(Self.distribution(c))
            for q in stride(from: 0.02, through: 0.98, by: 0.04) {
                #expect(abs(d.cdf(d.quantile(q)) - q) < 1e-10, "\(c.name) at \(q)")
            }
        }
    }

    @Test("normal-score tables agree with Q(Φ(x)) to 1e-4 of the range")
    func normalScoreTables() throws {
        for c in try Self.fixture().cases {
            let d = try #require(Self.distribution(c))
            let table = NormalScoreTable(d)
            let scale = max(1, abs(d.quantile(0.999) - d.quantile(0.001)))
            for x in stride(from: -5.0, through: 5.0, by: 0.0137) {
                let exact = d.quantile(StandardNormal.cdf(x))
                #expect(abs(table.value(atScore: x) - exact) <= 1e-4 * scale, "\(c.name) at score \(x)")
            }
        }
    }

    @Test(
        "Wichura's normal quantile inverts Φ", arguments: [1e-12, 1e-6, 0.001, 0.02425, 0.3, 0.5, 0.8, 0.975, 0.999999])
    func normalQuantile(p: Double) {
        #expect(abs(StandardNormal.cdf(StandardNormal.quantile(p)) - p) <= 1e-14 + 1e-12 * p)
    }

    @Test("discrete and Bernoulli quantiles step at cumulative weights")
    func discrete() {
        let d = Distribution.discrete([.init(value: 6, weight: 0.3), .init(value: 0, weight: 0.7)])
        #expect(d.quantile(0.69) == 0)
        #expect(d.quantile(0.71) == 6)
        #expect(abs(d.mean - 1.8) < 1e-12)
        #expect(Distribution.bernoulli(p: 0.25).quantile(0.7) == 0)
        #expect(Distribution.bernoulli(p: 0.25).quantile(0.8) == 1)
    }

    @Test("ziggurat normals: mean, variance and quantiles of 400,000 draws")
    func zigguratNormals() {
        var values: [Double] = []
        values.reserveCapacity(400_000)
        for path in 0..<400_000 {
            var g = SplitMix64(seed: 42, stream: RandomStream("test"), path: path)
            values.append(g.nextNormal())
        }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        #expect(abs(mean) < 5 / n.squareRoot())
        #expect(abs(variance - 1) < 5 * (2 / n).squareRoot())
        values.sort()
        for q in [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999] {
            let empirical = values[Int(q * (n - 1))]
            let expected = StandardNormal.quantile(q)
            // 5 standard errors of a sample quantile: sqrt(q(1-q)/n) / φ(x_q).
            let density = exp(-expected * expected / 2) / (2 * Double.pi).squareRoot()
            #expect(abs(empirical - expected) < 5 * (q * (1 - q) / n).squareRoot() / density, "quantile \(q)")
        }
    }
}
