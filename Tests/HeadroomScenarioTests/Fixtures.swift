import Foundation
import HeadroomModel
import HeadroomScenario

/// Scenario texts shared by the tests.
enum Fixtures {
    /// A valid scenario that uses every entity, every distribution family and both distribution forms.
    static let full = """
        # Full fixture: every entity, both distribution forms.
        headroom: 1
        name: Full fixture
        description: |
          Every entity of the format,
          with both distribution forms.
        start: 2026-01
        months: 60
        discount_rate: 0.08
        workloads:
          - training
          - id: inference
            name: Inference
        accelerators:
          - id: gb200
            name: GB200 NVL72
            available_from: 2025-06
            it_watts_per_accelerator: 1_800
            bf16_flops: 2.5e15
            fp8_flops: 5E15
            price_usd: 45000
            life_years: 5
          - id: h100
            it_watts_per_accelerator: 1400
            bf16_flops: 989e12
        providers:
          - id: azure
            name: Microsoft Azure
            kind: hyperscaler
            appetite_mw_per_year: lognormal(1000, 0.4)
            new_capacity_price_usd_per_mw_month: 1.9e6
            lead_time_months: {pert: {min: 12, mode: 18, max: 30}}
          - id: oracle
            kind: cloud
          - id: coreweave
            kind: neocloud
            appetite_mw_per_year: {lognormal: {mean: 500, sd: 200}}
          - id: lab
            kind: self
        regions:
          - texas
          - id: wisconsin
            name: Wisconsin (MISO)
        campuses:
          - id: abilene
            name: Stargate Abilene
            provider: oracle
            region: texas
            pue: 1.25
            phases:
              - id: b1
                it_mw: 200
                accelerator: gb200
                planned: 2026-03
                ramp_months: 3
                delay_months: pert(0, 2, 8)
              - id: b2
                facility_mw: 1_200
                accelerator: gb200
                planned: "2026-09"
                delay_months: {triangular: {min: 0, mode: 3, max: 12}}
          - id: fairwater
            provider: azure
            region: wisconsin
            phases:
              - id: p1
                it_mw: 300
                planned: 2026-06
                delay_months: discrete([0, 0.7], [6, 0.3])
        contracts:
          - id: oracle-abilene
            name: Oracle Abilene lease
            provider: oracle
            signed: 2025-07
            end: 2030-12
            phases: [abilene/b1, abilene/b2]
            price_usd_per_accelerator_hour: 2.1
            take_or_pay: 0.9
            workloads: [training]
            late_penalty_usd_per_mw_month: 50000
            late_credit_cap: 0.15
          - id: azure-fairwater
            provider: azure
            phases:
              - fairwater/p1
            price_usd_per_mw_month: 1.5e6
          - id: coreweave-blocks
            provider: coreweave
            signed: 2025-03
            end: 2029-12
            total_value_usd: 11.9e9
            blocks:
              - mw: 150
                from: 2026-01
                months: 36
                accelerator: h100
                region: texas
                ramp_months: 2
                delay_months: {uniform: {min: 0, max: 4}}
              - mw: +100
                from: 2026-07
                delay_months: normal(1, 0.5)
        clauses:
          rofr:
            holder: azure
            workloads: [training, inference]
            response_window_months: 1
            from: 2026-01
            until: 2027-12
          exclusivity:
            - holder: azure
              workloads: [inference]
              from: 2026-01
              until: 2028-12
          revenue_share:
            - to: azure
              fraction: 0.2
              revenue_usd_per_served_mw_month: 3e6
              workloads: [inference]
              from: 2026-01
        demand:
          - workload: training
            exponential:
              start: 2026-01
              initial_mw: 1000
              annual_log_growth: {normal: {mean: 0.9, sd: 0.2}}
          - workload: inference
            anchors:
              - month: 2026-01
                mw: 500
              - month: 2028-12
                mw: 4000
                log_sigma: 0.3
              - month: 2030-12
                mw: 12000
                log_sigma: 0.5
        risks:
          - id: texas-grid
            name: ERCOT interconnect slip
            probability: 0.3
            hits: {region: texas}
            delay_months: uniform(6, 12)
          - id: abilene-b2-slip
            probability: 0.2
            hits: {phase: abilene/b2}
            delay_months: {fixed: 3}
          - id: coreweave-default
            probability: 0.05
            hits: {contract: coreweave-blocks}
            cancel: true
          - id: campus-fire
            probability: 0.01
            hits: {campus: fairwater}
            delay_months: bernoulli(0.5)
          - id: macro
            probability: 0.1
            hits: all
            delay_months: {bernoulli: {p: 0.4}}
          - id: oracle-capital
            probability: 0.15
            hits: {provider: oracle}
            delay_months: {discrete: [{value: 0, weight: 0.5}, {value: 9, weight: 0.5}]}
          - id: lab-permits
            probability: 0.25
            hits: all
            delay_months: triangular( 1 , 2 , 6 )
        correlation:
          global: 0.3
          provider: 0.4
          region: 0.5
        budget:
          - id: through-2030
            usd: 450e9
            through: 2030-12
          - id: y2027
            usd: 60e9
            year: 2027
            providers: [azure, oracle]
          - id: window
            usd: 1e11
            from: 2027-01
            through: 2028-06
        policy:
          structure: open
          review_months: 6
          target_headroom: 0.15

        """

    /// The smallest valid scenario; line numbers matter to the malformed-input table:
    /// line 1 `headroom`, 3 `start`, 4 `end`, 5 `workloads`, 7–8 the provider, 10–13 the demand.
    static let minimal = """
        headroom: 1
        name: Minimal
        start: 2026-01
        end: 2027-12
        workloads: [training, inference]
        providers:
          - id: azure
            kind: hyperscaler
        demand:
          - workload: training
            exponential:
              initial_mw: 100
              annual_log_growth: 0.5

        """

    /// ``minimal`` followed by one campus `c1` of provider `azure` (lines 14–18) whose single phase's keys start on
    /// line 19, indented by 8 spaces.
    static func withPhase(_ body: String) -> String {
        let phase = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "        " + $0 }.joined(separator: "\n")
        return minimal + """
            campuses:
              - id: c1
                provider: azure
                phases:
                  - id: p1

            """ + phase + "\n"
    }

    /// ``minimal`` with one line (without its newline) replaced.
    static func replacing(_ line: String, with replacement: String, in text: String = minimal) -> String {
        text.replacingOccurrences(of: line + "\n", with: replacement.isEmpty ? "" : replacement + "\n")
    }

    /// ``minimal`` followed by an accelerator `acc` (lines 14–17), a campus `c1` of `azure` with phases `p1` (no
    /// accelerator) and `p2` (with `acc`) (lines 18–23), a region `r1` (line 24), then `extra` from line 25.
    static func withContracts(_ extra: String) -> String {
        minimal + """
            accelerators:
              - id: acc
                it_watts_per_accelerator: 1000
                bf16_flops: 1e15
            campuses:
              - id: c1
                provider: azure
                phases:
                  - {id: p1, it_mw: 100, planned: 2026-03}
                  - {id: p2, it_mw: 100, planned: 2026-03, accelerator: acc}
            regions: [r1]

            """ + extra
    }

    /// Parses `text`, returning the diagnostics (empty when it parses).
    static func diagnostics(_ text: String, file: String = "test.yaml") -> [ScenarioDiagnostic] {
        do {
            _ = try ScenarioReader.parse(text, file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }
}

/// A month from `YYYY-MM` text that is known to be valid (test data only; no force unwrap needed).
func month(_ text: String) -> Month {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    return Month(ordinal: (parts.first ?? 0) * 12 + (parts.last ?? 1) - 1)
}
