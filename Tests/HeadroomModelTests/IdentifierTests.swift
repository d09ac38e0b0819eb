import HeadroomModel
import Testing

@Suite("Identifier")
struct IdentifierTests {
    @Test("a literal and init(_:) wrap the same raw value, which is also the description")
    func wrapping() {
        let literal: ProviderID = "hyperscaler-a"
        let built = ProviderID("hyperscaler-a")
        #expect(literal == built)
        #expect(literal.rawValue == "hyperscaler-a")
        #expect(literal.description == "hyperscaler-a")
        #expect("\(literal)" == "hyperscaler-a")
        #expect(ProviderID("").rawValue == "")
    }

    @Test("ids compare and hash by raw value, case-sensitively")
    func equalityAndHashing() {
        #expect(CampusID("north") == CampusID("north"))
        #expect(CampusID("north") != CampusID("North"))
        #expect(Set<CampusID>(["a", "b", "a"]).count == 2)
        var id = CampusID("a")
        id.rawValue = "b"
        #expect(id == "b")
    }

    @Test("ids order by raw value (code-point order, so upper case sorts first)")
    func ordering() {
        let ids: [ContractID] = ["msa-2", "msa-10", "Alpha", "msa-1", "beta"]
        #expect(ids.sorted().map(\.rawValue) == ["Alpha", "beta", "msa-1", "msa-10", "msa-2"])
        #expect(ContractID("a") < ContractID("b"))
        #expect(!(ContractID("b") < ContractID("a")))
        #expect(!(ContractID("a") < ContractID("a")))
    }
}

@Suite("PhaseReference")
struct PhaseReferenceTests {
    @Test(
        "parses campus/phase into its two ids",
        arguments: [
            ("north/p1", "north", "p1"),
            ("a/b", "a", "b"),
            ("campus-1/phase_2", "campus-1", "phase_2"),
            (" a / b ", " a ", " b "),  // no trimming: the ids are taken as written
        ]
    )
    func parses(text: String, campus: String, phase: String) throws {
        let reference = try #require(PhaseReference(text))
        #expect(reference.campus == CampusID(campus))
        #expect(reference.phase == PhaseID(phase))
        #expect(reference.description == text)
        #expect(reference == PhaseReference(campus: CampusID(campus), phase: PhaseID(phase)))
    }

    @Test(
        "rejects anything without exactly one / and text on both sides",
        arguments: ["", "/", "north", "north/", "/p1", "north/p1/x", "north//p1", "//", "a/b/", "/a/b"]
    )
    func rejects(_ text: String) {
        #expect(PhaseReference(text) == nil)
    }

    @Test("description is campus/phase")
    func description() {
        let reference = PhaseReference(campus: "south", phase: "hall-3")
        #expect(reference.description == "south/hall-3")
        #expect("\(reference)" == "south/hall-3")
        #expect(PhaseReference(reference.description) == reference)
    }

    @Test("orders by campus first, then by phase")
    func ordering() {
        let a1 = PhaseReference(campus: "a", phase: "1")
        let a2 = PhaseReference(campus: "a", phase: "2")
        let b0 = PhaseReference(campus: "b", phase: "0")
        let b1 = PhaseReference(campus: "b", phase: "1")
        #expect(a1 < a2)
        #expect(a2 < b0)  // campus decides even though phase "2" > "0"
        #expect(b0 < b1)
        #expect(!(a1 < a1))
        #expect([b1, a2, b0, a1].sorted() == [a1, a2, b0, b1])
    }

    @Test("equal references hash alike")
    func hashing() {
        let references: Set<PhaseReference> = [
            PhaseReference(campus: "a", phase: "1"),
            PhaseReference(campus: "a", phase: "1"),
            PhaseReference(campus: "a", phase: "2"),
            PhaseReference(campus: "b", phase: "1"),
        ]
        #expect(references.count == 3)
    }
}
