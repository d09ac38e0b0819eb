import Foundation
import HeadroomModel
import Yams

/// The distribution families, their parameter names in order, and the inline-form parser.
enum DistributionSyntax {
    /// Each family's parameters in inline order (`discrete` takes `[value, weight]` pairs instead).
    static let parameters: [(family: String, names: [String])] = [
        ("fixed", ["value"]), ("uniform", ["min", "max"]), ("triangular", ["min", "mode", "max"]),
        ("pert", ["min", "mode", "max"]), ("normal", ["mean", "sd"]), ("lognormal", ["median", "sigma"]),
        ("shifted_lognormal", ["shift", "median", "sigma"]), ("bernoulli", ["p"]), ("discrete", []),
    ]

    /// The family names.
    static var families: [String] { parameters.map(\.family) }

    /// The parameter names of `family`, or `nil` for an unknown family.
    static func names(of family: String) -> [String]? {
        parameters.first { $0.family == family }?.names
    }

    /// Builds a distribution from a family and its parameters in inline order.
    static func make(_ family: String, _ values: [Double]) -> Distribution? {
        switch (family, values.count) {
        case ("fixed", 1): .fixed(values[0])
        case ("uniform", 2): .uniform(min: values[0], max: values[1])
        case ("triangular", 3): .triangular(min: values[0], mode: values[1], max: values[2])
        case ("pert", 3): .pert(min: values[0], mode: values[1], max: values[2])
        case ("normal", 2): .normal(mean: values[0], sd: values[1])
        case ("lognormal", 2): .lognormal(median: values[0], sigma: values[1])
        case ("shifted_lognormal", 3): .shiftedLognormal(shift: values[0], median: values[1], sigma: values[2])
        case ("bernoulli", 1): .bernoulli(p: values[0])
        default: nil
        }
    }

    /// Converts a lognormal's mean and standard deviation (of the variable itself) to its median and sigma:
    /// `sigma² = ln(1 + (sd/mean)²)`, `median = mean / sqrt(1 + (sd/mean)²)`.
    static func lognormal(mean: Double, sd: Double) -> Distribution {
        let ratio = sd / mean
        let spread = 1 + ratio * ratio
        return .lognormal(median: mean / spread.squareRoot(), sigma: log(spread).squareRoot())
    }

    /// The result of parsing an inline form: a distribution, or the reason it could not be read.
    enum Parsed {
        case value(Distribution)
        case problem(String)
    }

    /// Parses `family(a, b, …)` or `discrete([v, w], …)`; whitespace is allowed between tokens.
    static func parseInline(_ text: String) -> Parsed {
        var parser = InlineParser(Array(text.unicodeScalars))
        return parser.parse()
    }

    private struct InlineParser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func skipSpaces() {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }

        mutating func expect(_ c: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard index < scalars.count, scalars[index] == c else { return false }
            index += 1
            return true
        }

        var found: String {
            skipSpacesCopy().map { "'\(ScalarSyntax.excerpt($0))'" } ?? "the end"
        }

        func skipSpacesCopy() -> String? {
            var i = index
            while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
            guard i < scalars.count else { return nil }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[i..<min(scalars.count, i + 12)])
            return String(view)
        }

        mutating func number() -> Result<Double, InlineProblem> {
            skipSpaces()
            let begin = index
            while index < scalars.count {
                let c = scalars[index]
                if c == "," || c == ")" || c == "]" || c == "(" || c == "[" || c.properties.isWhitespace { break }
                index += 1
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[begin..<index])
            let token = String(view)
            guard !token.isEmpty else { return .failure(InlineProblem("expected a number, found \(found)")) }
            guard let value = ScalarSyntax.number(token) else {
                let lowered = token.lowercased()
                let detail =
                    lowered.contains("nan")
                    ? " (NaN is not allowed)"
                    : lowered.contains("inf") ? " (infinity is not allowed)" : ""
                return .failure(InlineProblem("expected a number, found '\(ScalarSyntax.excerpt(token))'\(detail)"))
            }
            guard value.isFinite, abs(value) <= ScalarSyntax.numberLimit else {
                return .failure(
                    InlineProblem("number \(ScalarSyntax.excerpt(token)) is out of range (allowed: -1e18 to 1e18)"))
            }
            return .success(value)
        }

        mutating func parse() -> Parsed {
            skipSpaces()
            let begin = index
            while index < scalars.count,
                ("a"..."z").contains(scalars[index]) || ("A"..."Z").contains(scalars[index]) || scalars[index] == "_"
            {
                index += 1
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[begin..<index])
            let family = String(view)
            guard let names = DistributionSyntax.names(of: family) else {
                var message = "unknown distribution '\(ScalarSyntax.excerpt(family.isEmpty ? found : family))'"
                if !family.isEmpty, let suggestion = Suggestion.closest(to: family, among: DistributionSyntax.families)
                {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message +=
                        "; expected a number or one of "
                        + DistributionSyntax.families.map { "\($0)(…)" }.joined(separator: ", ")
                }
                return .problem(message)
            }
            guard expect("(") else { return .problem("expected '(' after '\(family)', found \(found)") }
            let result: Result<Distribution, InlineProblem> =
                family == "discrete" ? discreteArguments() : arguments(family, names)
            switch result {
            case .failure(let problem):
                return .problem(problem.message)
            case .success(let distribution):
                skipSpaces()
                guard index == scalars.count else { return .problem("unexpected \(found) after the closing ')'") }
                return .value(distribution)
            }
        }

        mutating func arguments(_ family: String, _ names: [String]) -> Result<Distribution, InlineProblem> {
            var values: [Double] = []
            if !expect(")") {
                repeat {
                    switch number() {
                    case .success(let value): values.append(value)
                    case .failure(let problem): return .failure(problem)
                    }
                } while expect(",")
                guard expect(")") else { return .failure(InlineProblem("expected ',' or ')', found \(found)")) }
            }
            guard let distribution = DistributionSyntax.make(family, values) else {
                let plural = names.count == 1 ? "number" : "numbers"
                return .failure(
                    InlineProblem(
                        "\(family) takes \(names.count) \(plural) (\(names.joined(separator: ", "))), found \(values.count)"
                    ))
            }
            return .success(distribution)
        }

        mutating func discreteArguments() -> Result<Distribution, InlineProblem> {
            var outcomes: [DiscreteOutcome] = []
            if !expect(")") {
                repeat {
                    guard expect("[") else {
                        return .failure(InlineProblem("expected '[value, weight]', found \(found)"))
                    }
                    var pair: [Double] = []
                    for separator in [",", "]"] as [Unicode.Scalar] {
                        switch number() {
                        case .success(let value): pair.append(value)
                        case .failure(let problem): return .failure(problem)
                        }
                        guard expect(separator) else {
                            return .failure(
                                InlineProblem("expected '\(separator)' in '[value, weight]', found \(found)"))
                        }
                    }
                    outcomes.append(DiscreteOutcome(value: pair[0], weight: pair[1]))
                } while expect(",")
                guard expect(")") else { return .failure(InlineProblem("expected ',' or ')', found \(found)")) }
            }
            return .success(.discrete(outcomes))
        }
    }

    private struct InlineProblem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

extension ScenarioReader.Context {
    /// Reads an optional distribution field; with `nonNegative`, draws must be certainly ≥ 0.
    mutating func distribution(_ f: Fields, _ key: String, nonNegative: Bool = false, required: Bool = false)
        -> Distribution?
    {
        guard let node = required ? d.required(f, key) : f[key] else { return nil }
        let path = f.path(key)
        guard let value = distribution(node, at: path) else { return nil }
        if nonNegative && !value.isNonNegative {
            d.report(
                .outOfRange, "expected a distribution that is never negative, found \(DistributionText.inline(value))",
                at: node, path: path)
            return nil
        }
        return value
    }

    /// Reads a distribution in any of its forms, then checks its parameters.
    mutating func distribution(_ node: Node, at path: String) -> Distribution? {
        let parsed: Distribution?
        switch node {
        case .scalar(let scalar):
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, ScalarSyntax.number(scalar.string) != nil {
                parsed = d.number(node, at: path).map { .fixed($0) }
            } else if plain
                && (ScalarSyntax.isNull(scalar.string) || ScalarSyntax.boolean(scalar.string) != nil
                    || ScalarSyntax.isSpecialFloat(scalar.string))
            {
                d.report(
                    .wrongType,
                    "expected a distribution (a number, pert(0, 3, 9), …), found \(NodeDecoder.describe(node))",
                    at: node, path: path)
                parsed = nil
            } else {
                switch DistributionSyntax.parseInline(scalar.string) {
                case .value(let value):
                    parsed = value
                case .problem(let message):
                    // A plain `pert(0, 3, 12)` inside `{…}` or `[…]` is cut at its first comma by YAML itself.
                    let cut = plain && scalar.string.contains("(") && !scalar.string.contains(")")
                    let hint =
                        cut
                        ? "; inside a {…} or […] flow collection YAML splits an inline distribution at its commas:"
                            + " quote it (\"\(scalar.string), …)\") or write the field in block style"
                        : ""
                    d.report(.invalidValue, message + hint, at: node, path: path)
                    parsed = nil
                }
            }
        case .mapping:
            parsed = mappingDistribution(node, at: path)
        default:
            d.report(
                .wrongType,
                "expected a distribution (a number, pert(0, 3, 9), {pert: {…}}), found "
                    + NodeDecoder.describe(node), at: node, path: path)
            parsed = nil
        }
        guard let value = parsed else { return nil }
        let problems = value.parameterProblems
        for problem in problems {
            d.report(.invalidValue, problem, at: node, path: path)
        }
        return problems.isEmpty ? value : nil
    }

    /// Reads the mapping forms: `{fixed: v}`, `{pert: {min, mode, max}}`, `{lognormal: {mean, sd}}`,
    /// `{discrete: [{value, weight}, …]}`, ….
    private mutating func mappingDistribution(_ node: Node, at path: String) -> Distribution? {
        guard let f = d.fields(node, at: path, keys: DistributionSyntax.families, what: "a distribution") else {
            return nil
        }
        guard case .mapping(let mapping) = node, mapping.count == 1, let entry = f.entries.first else {
            if case .mapping(let mapping) = node, mapping.count != 1 {
                d.report(
                    .invalidValue,
                    "a distribution mapping has exactly one key, its family (\(DistributionSyntax.families.joined(separator: ", "))), found \(mapping.count)",
                    at: node, path: path)
            }
            return nil
        }
        let family = entry.name
        let inner = entry.value
        let innerPath = f.path(family)
        switch family {
        case "fixed":
            return d.number(inner, at: innerPath).map { .fixed($0) }
        case "discrete":
            guard let items = d.list(inner, at: innerPath, what: "a list of {value, weight} outcomes") else {
                return nil
            }
            var outcomes: [DiscreteOutcome] = []
            for (index, item) in items.enumerated() {
                let itemPath = FieldPath.index(innerPath, index)
                guard let g = d.fields(item, at: itemPath, keys: ["value", "weight"], what: "an outcome") else {
                    continue
                }
                let value = d.number(g, "value", required: true)
                let weight = d.number(g, "weight", required: true)
                if let value, let weight { outcomes.append(DiscreteOutcome(value: value, weight: weight)) }
            }
            return outcomes.count == items.count ? .discrete(outcomes) : nil
        case "lognormal":
            guard case .mapping(let parameters) = inner else { break }
            let keys = Set(parameters.compactMap { $0.key.scalar?.string })
            let byMoments = !keys.isDisjoint(with: ["mean", "sd"])
            if byMoments && !keys.isDisjoint(with: ["median", "sigma"]) {
                d.report(
                    .conflictingKeys, "lognormal takes either {median, sigma} or {mean, sd}, not a mix", at: inner,
                    path: innerPath)
                return nil
            }
            if byMoments {
                guard let g = d.fields(inner, at: innerPath, keys: ["mean", "sd"], what: "lognormal parameters"),
                    let mean = d.number(g, "mean", .positive, required: true),
                    let sd = d.number(g, "sd", .nonNegative, required: true)
                else { return nil }
                return DistributionSyntax.lognormal(mean: mean, sd: sd)
            }
        default:
            break
        }
        let names = DistributionSyntax.names(of: family) ?? []
        let what = "\(family) parameters {\(names.joined(separator: ", "))}"
        guard let g = d.fields(inner, at: innerPath, keys: names, what: what) else { return nil }
        let values = names.map { d.number(g, $0, required: true) }
        let present = values.compactMap { $0 }
        guard present.count == names.count else { return nil }
        return DistributionSyntax.make(family, present)
    }
}

/// An inline distribution that does not read, with the reason.
public struct DistributionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as the scenario reader would say it.
    public var message: String

    /// Creates the error.
    public init(message: String) {
        self.message = message
    }

    /// `message`.
    public var description: String { message }
}

extension ScenarioReader {
    /// Reads one distribution in its inline form (`pert(0, 3, 9)`, `lognormal(7.03, 0.3)`, a plain number), as a
    /// scenario file writes it, for command-line options that take one.
    ///
    /// - Parameter text: The inline form.
    /// - Returns: The distribution.
    /// - Throws: ``DistributionSyntaxError`` naming what is wrong (an unknown family, a parameter out of range).
    public static func distribution(inline text: String) throws(DistributionSyntaxError) -> Distribution {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let number = ScalarSyntax.number(trimmed), number.isFinite { return .fixed(number) }
        switch DistributionSyntax.parseInline(trimmed) {
        case .problem(let message): throw DistributionSyntaxError(message: message)
        case .value(let value):
            if let problem = value.parameterProblems.first { throw DistributionSyntaxError(message: problem) }
            return value
        }
    }
}
