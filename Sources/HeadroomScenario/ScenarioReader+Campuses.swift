import HeadroomModel
import Yams

extension ScenarioReader.Context {
    /// Reads one campus with its phases, recording its provider and phases for later reference checks.
    mutating func campus(_ node: Node, at path: String) -> Campus? {
        let keys = ["id", "name", "provider", "region", "pue", "phases"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a campus") else { return nil }
        let id: CampusID? = declaredID(f, \.campuses)
        let name = d.string(f, "name")
        let provider: ProviderID? = reference(f, "provider", \.providers, required: true)
        let region: RegionID? = reference(f, "region", \.regions)
        let pue = d.number(f, "pue", .atLeast(1)) ?? 1.2

        var phaseIDs = IDTable(kind: "phase")
        var phaseAccelerators: [String: Bool] = [:]
        let phases = entries(f, "phases", what: "a list of phases", required: true) { context, item, itemPath in
            context.phase(item, at: itemPath, ids: &phaseIDs, accelerators: &phaseAccelerators)
        }
        if let id, campusPhases[id.rawValue] == nil {
            campusPhases[id.rawValue] = phaseAccelerators
            if let provider { campusProviders[id.rawValue] = provider.rawValue }
        }
        guard let id, let provider, !phases.isEmpty else { return nil }
        return Campus(id: id, name: name, provider: provider, region: region, pue: pue, phases: phases)
    }

    /// Reads one phase; `ids` collects the campus's phase ids (unique within it), `accelerators` whether each names
    /// an accelerator.
    private mutating func phase(
        _ node: Node, at path: String, ids: inout IDTable, accelerators: inout [String: Bool]
    ) -> Phase? {
        let keys = ["id", "it_mw", "facility_mw", "accelerator", "planned", "ramp_months", "delay_months"]
        guard let f = d.fields(node, at: path, keys: keys, what: "a phase") else { return nil }
        var id: PhaseID?
        if let idNode = d.required(f, "id") {
            id = d.id(idNode, at: f.path("id"), kind: "phase")
            if let id { ids.declare(id.rawValue, at: idNode, path: f.path("id"), decoder: &d) }
        }
        var megawatts: Double?
        var basis = PowerBasis.it
        if let key = d.exactlyOne(f, of: ["it_mw", "facility_mw"]) {
            basis = key == "it_mw" ? .it : .facility
            megawatts = d.number(f, key, .positive)
        }
        let accelerator: AcceleratorID? = reference(f, "accelerator", \.accelerators)
        let planned = d.month(f, "planned", required: true)
        let ramp = d.number(f, "ramp_months", .nonNegative) ?? 0
        let delay = distribution(f, "delay_months") ?? .fixed(0)
        if let id, accelerators[id.rawValue] == nil {
            accelerators[id.rawValue] = f.has("accelerator")
        }
        guard let id, let megawatts, let planned else { return nil }
        return Phase(
            id: id, megawatts: megawatts, basis: basis, accelerator: accelerator, plannedOnline: planned,
            rampMonths: ramp, delayMonths: delay)
    }

    /// Reads a `campus/phase` reference and checks that the phase exists.
    mutating func phaseReference(_ node: Node, at path: String) -> PhaseReference? {
        guard let text = d.string(node, at: path, what: "a phase reference campus/phase") else { return nil }
        guard let reference = PhaseReference(text), ScalarSyntax.isID(reference.campus.rawValue),
            ScalarSyntax.isID(reference.phase.rawValue)
        else {
            d.report(
                .invalidValue,
                "expected a phase reference campus/phase (such as abilene/b1), found '\(ScalarSyntax.excerpt(text))'",
                at: node, path: path)
            return nil
        }
        let campus = reference.campus.rawValue
        guard let phases = campusPhases[campus] else {
            d.report(.unknownReference, campuses.unknownMessage(campus), at: node, path: path)
            return nil
        }
        let phase = reference.phase.rawValue
        guard phases[phase] != nil else {
            var message = "campus '\(campus)' has no phase '\(ScalarSyntax.excerpt(phase))'"
            if phases.count <= Suggestion.maximumCandidates,
                let suggestion = Suggestion.closest(to: phase, among: phases.keys.sorted())
            {
                message += "; did you mean '\(campus)/\(suggestion)'?"
            }
            d.report(.unknownReference, message, at: node, path: path)
            return nil
        }
        return reference
    }

    /// Reads an optional `from`/`until` window and checks that `until` is not before `from`.
    mutating func window(_ f: Fields, from fromKey: String = "from", until untilKey: String = "until")
        -> (from: Month?, until: Month?)
    {
        let from = d.month(f, fromKey)
        let until = d.month(f, untilKey)
        if let from, let until, until < from, let node = f[untilKey] {
            d.report(
                .invalidValue, "\(untilKey) \(until) is before \(fromKey) \(from)", at: node, path: f.path(untilKey))
        }
        return (from, until)
    }
}
