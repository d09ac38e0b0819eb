import HeadroomModel
import HeadroomScenario
import Yams

/// A scenario that an import cannot be merged into, or a merge that would not read back.
public struct MergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, one problem a line (`FILE:LINE:COLUMN: error: …` where it has a place).
    public var message: String

    /// Creates an error.
    ///
    /// - Parameter message: What is wrong.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// The merged text and what the merge did with each id.
public struct MergeResult: Sendable, Hashable {
    /// The scenario's text with the new entries inserted; the original text is unchanged around them.
    public var text: String
    /// What was added (`campus colossus-2`), in order.
    public var added: [String]
    /// Ids the scenario already had, left as the user wrote them (`campus abilene`, `provider oracle`).
    public var kept: [String]
}

/// Merges an Epoch import into an existing scenario's text by id.
///
/// The user's text is kept byte for byte: new accelerators, providers, regions and campuses (those whose ids the
/// scenario does not have) are inserted as lines after the last entry of the matching top-level list, at that list's
/// indentation, or appended as new sections at the end when the list is absent. Entities whose ids are already there
/// are left alone and reported as kept; a new campus keeps pointing at the scenario's own provider of that id.
public enum EpochMerge {
    /// The accelerator generations of the scenario `text`, as a catalogue that chip types map to.
    ///
    /// - Parameters:
    ///   - text: The scenario's text (YAML).
    ///   - file: Its name, for messages.
    /// - Returns: The scenario's generations, in its order.
    /// - Throws: ``MergeError`` with the scenario's diagnostics when it does not read.
    public static func catalog(ofScenario text: String, file: String) throws(MergeError) -> AcceleratorCatalog {
        do {
            return AcceleratorCatalog(try ScenarioReader.parse(text, file: file).accelerators)
        } catch {
            throw MergeError(error.description)
        }
    }

    /// Merges `imported` into the scenario `text`.
    ///
    /// - Parameters:
    ///   - imported: The import.
    ///   - text: The scenario's text (YAML).
    ///   - file: Its name, for messages.
    /// - Returns: The merged text, the ids added and the ids kept.
    /// - Throws: ``MergeError`` when the scenario does not read, a list to insert into is written in flow style
    ///   (`campuses: [...]`), or the merged text would not read back.
    public static func merge(_ imported: EpochImport, into text: String, file: String) throws(MergeError) -> MergeResult
    {
        let existing: Scenario
        do {
            existing = try ScenarioReader.parse(text, file: file)
        } catch {
            throw MergeError(error.description)
        }
        var kept: [String] = []
        var added: [String] = []
        let campusIDs = Set(existing.campuses.map(\.id))
        let newCampuses = imported.campuses.filter { campus in
            guard campusIDs.contains(campus.campus.id) else { return true }
            kept.append("campus \(campus.campus.id)")
            return false
        }
        let used = (
            providers: Set(newCampuses.map(\.campus.provider)),
            regions: Set(newCampuses.compactMap(\.campus.region)),
            accelerators: Set(newCampuses.flatMap { $0.campus.phases.compactMap(\.accelerator) })
        )
        func fresh<ID: Hashable & CustomStringConvertible>(_ kind: String, _ ids: [ID], have: Set<ID>, use: Set<ID>)
            -> Set<ID>
        {
            var result: Set<ID> = []
            for id in ids where use.contains(id) {
                if have.contains(id) { kept.append("\(kind) \(id)") } else { result.insert(id) }
            }
            return result
        }
        let newAccelerators = fresh(
            "accelerator", imported.accelerators.map(\.id), have: Set(existing.accelerators.map(\.id)),
            use: used.accelerators)
        let newProviders = fresh(
            "provider", imported.providers.map(\.id), have: Set(existing.providers.map(\.id)), use: used.providers)
        let newRegions = fresh(
            "region", imported.regions.map(\.id), have: Set(existing.regions.map(\.id)), use: used.regions)
        let wanted: [String: (String) -> Bool] = [
            "accelerators": { newAccelerators.contains(AcceleratorID($0)) },
            "providers": { newProviders.contains(ProviderID($0)) }, "regions": { newRegions.contains(RegionID($0)) },
            "campuses": { id in newCampuses.contains { $0.campus.id.rawValue == id } },
        ]
        var sections: [EntrySection] = []
        for section in EntrySection.all(imported) {
            let entries = section.entries.filter { wanted[section.key]?($0.id) ?? false }
            guard !entries.isEmpty else { continue }
            sections.append(EntrySection(key: section.key, entries: entries))
            let singular = section.key == "campuses" ? "campus" : String(section.key.dropLast())
            added += entries.map { "\(singular) \($0.id)" }
        }
        let merged = try insert(sections, into: text, file: file, asOf: imported.options.asOf)
        do {
            _ = try ScenarioReader.parse(merged, file: file)
        } catch {
            throw MergeError("the merged scenario would not read back:\n\(error.description)")
        }
        return MergeResult(text: merged, added: added, kept: kept)
    }

    /// Inserts each section's entries after the last line of its top-level list, or appends the section.
    static func insert(_ sections: [EntrySection], into text: String, file: String, asOf: Month) throws(MergeError)
        -> String
    {
        guard !sections.isEmpty else { return text }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw MergeError("\(file): cannot read the scenario's YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw MergeError("\(file): the scenario is not a mapping") }
        // Top-level keys with their (1-based) lines, in file order.
        let keys: [(key: String, line: Int, value: Node)] = mapping.compactMap { pair in
            guard let key = pair.key.string, let line = pair.key.mark?.line else { return nil }
            return (key, line, pair.value)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let banner = "  # Added by headroom import epoch (as of \(asOf)); \(EpochImporter.attribution)\n"
        var insertions: [(after: Int, text: String)] = []
        var appended = ""
        for section in sections {
            guard let index = keys.firstIndex(where: { $0.key == section.key }) else {
                appended += "\n\(section.key):\n" + banner + section.entries.map { $0.commented(indent: 2) }.joined()
                continue
            }
            let key = keys[index]
            // Yams does not keep a composed node's style: a block list has nothing but a comment after its key.
            let rest = lines.indices.contains(key.line - 1) ? lines[key.line - 1].split(separator: ":").dropFirst() : []
            let after = rest.joined(separator: ":").drop { $0 == " " || $0 == "\t" }
            guard key.value.sequence != nil, after.isEmpty || after.hasPrefix("#") || after == "\r" else {
                throw MergeError(
                    "\(file):\(key.line):1: error: '\(section.key)' is not a block list ('- ' items on their own "
                        + "lines), so the import cannot add to it; rewrite it as one")
            }
            let first = key.line - 1
            let end = index + 1 < keys.count ? keys[index + 1].line - 1 : lines.count
            var last = first
            var indent = 2
            var foundItem = false
            for n in first..<min(end, lines.count) {
                let line = lines[n]
                let body = line.drop { $0 == " " }
                if body.isEmpty || body == "\r" || line.hasPrefix("#") { continue }
                last = n
                if !foundItem, n > first, body.hasPrefix("- ") || body == "-" {
                    indent = line.count - body.count
                    foundItem = true
                }
            }
            let entries = section.entries.map { $0.commented(indent: indent) }.joined()
            insertions.append((last, CommentedEntry.reindent(banner, to: indent) + entries))
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) {
            var block = insertion.text
            block.removeLast()  // the final newline: the joined lines supply it
            lines.insert(block, at: insertion.after + 1)
        }
        var merged = lines.joined(separator: "\n")
        if !appended.isEmpty {
            if !merged.hasSuffix("\n") { merged += "\n" }
            merged += appended
        }
        return merged
    }
}
