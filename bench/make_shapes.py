#!/usr/bin/env python3
"""Write bench scenarios of other shapes that stress the engine, in the JSON shape of bench-60x120.json.

Usage:
    make_shapes.py OUTDIR [--only NAME ...]

Every file is valid input for ../shared/bench/reference_mc.py (and for bench_to_headroom.py), seeded and
deterministic: the same command always writes byte-identical files. The shapes:

  bench-300x240.json      300 phases, 240 months, 10 providers, 16 regions (size and memory)
  bench-early.json        planned months before the start (negative planned_month, down to -36): phases already
                          ramping or online at month 0, PERT delays that may be negative (early delivery)
  bench-fractional.json   fractional PERT bounds (0.5, 2.25, 7.75, ...), modes on the bounds (Beta a = 1 or
                          b = 1), fractional lognormal medians and sigmas, fractional ramps (1.5, 4.25, ...)
  bench-ramps.json        ramps of 0 (steps) mixed with long ramps of 12-24 months
  bench-highcorr.json     loadings global 0.6, provider 0.6, region 0.5 (sum of squares 0.97: little noise left)
  bench-lowcorr.json      loadings all <= 0.1 (nearly independent delays)
  bench-480.json          480 months (40 years, the format's maximum), 120 phases spread over 400 months
  bench-tiny.json         one phase, one provider, one region, 12 months, no existing capacity (edge case;
                          bench_to_headroom.py omits the `existing` provider)

The reference builds its provider and region factors from the providers and regions the phases use, so every
provider and region listed here is used by at least one phase. Demand is tuned per shape so that shortfalls are
neither rare nor certain: the relative standard error of the difference of two runs' expected unserved MW-months
at 200,000 paths each stays at or under ~1%, as for bench-60x120 (compare.py allows a fixed 3% on that figure, so
heavier demand tails, e.g. 40 years of an uncertain growth rate, would fail it by chance). Standard library only.
"""
import argparse
import json
import os
import random
import sys


def pert_delay(rng, fractional=False):
    """A PERT delay in months; integer bounds like the original bench, or fractional ones."""
    if not fractional:
        lo = rng.choice([-1, 0, 0, 1])
        mode = lo + rng.choice([1, 2, 3])
        hi = mode + rng.choice([4, 6, 9, 12, 18])
        return {"kind": "pert", "min": lo, "mode": mode, "max": hi}
    quarters = [0.25, 0.5, 0.75, 1.25, 1.5, 2.25, 3.5, 4.75]
    lo = rng.choice([-0.75, -0.5, 0.0, 0.5, 1.25])
    shape = rng.random()
    if shape < 0.15:
        mode = lo                                      # mode on the lower bound: Beta(1, 5)
    else:
        mode = lo + rng.choice(quarters)
    hi = mode + rng.choice([2.25, 4.5, 7.75, 9.5, 13.25, 17.75])
    if rng.random() < 0.1:
        mode = hi                                      # mode on the upper bound: Beta(5, 1)
    return {"kind": "pert", "min": lo, "mode": mode, "max": hi}


def lognormal_delay(rng, fractional=False):
    if not fractional:
        return {"kind": "lognormal", "median": round(rng.uniform(1.0, 4.0), 2), "sigma": round(rng.uniform(0.3, 0.9), 2)}
    # Medians and sigmas that are not round: 0.35 .. 6.8 months, sigma 0.05 .. 1.4.
    return {"kind": "lognormal", "median": round(rng.uniform(0.35, 6.8), 4), "sigma": round(rng.uniform(0.05, 1.4), 4)}


def make(name, seed, *, n_phases, months, n_providers, n_regions, planned, ramps, corr, existing_mw, demand,
         fractional=False, lognormal_every=3, mw_choices=(100, 150, 200, 250, 300, 400, 500, 600)):
    """A bench scenario. `planned` is (lo, hi) for planned_month; `ramps` a function rng -> ramp months."""
    rng = random.Random(seed)
    providers = [f"provider-{i + 1:02d}" for i in range(n_providers)]
    regions = [f"region-{i + 1:02d}" for i in range(n_regions)]
    phases = []
    for i in range(n_phases):
        provider = providers[i % n_providers]                     # every provider used
        region = regions[i % n_regions] if i < n_regions else regions[rng.randrange(n_regions)]  # every region used
        if i % lognormal_every == lognormal_every - 1:
            delay = lognormal_delay(rng, fractional)
        else:
            delay = pert_delay(rng, fractional)
        phases.append({
            "id": f"phase-{i + 1:03d}",
            "provider": provider,
            "region": region,
            "mw": rng.choice(mw_choices),
            "planned_month": rng.randint(planned[0], planned[1]),
            "ramp_months": ramps(rng),
            "delay_months": delay,
        })
    return {
        "name": name,
        "start": "2026-01",
        "months": months,
        "delay_correlation": {"global": corr[0], "provider": corr[1], "region": corr[2]},
        "existing_mw": existing_mw,
        "demand": {"initial_mw": demand[0], "annual_log_growth": {"kind": "normal", "mean": demand[1], "sd": demand[2]}},
        "phases": phases,
    }


def shapes():
    """name -> scenario, in a fixed order."""
    std_ramp = lambda rng: rng.choice([0, 3, 6])
    out = {}
    out["bench-300x240"] = make(
        "bench-300x240", 300240, n_phases=300, months=240, n_providers=10, n_regions=16, planned=(0, 200),
        ramps=std_ramp, corr=(0.3, 0.4, 0.3), existing_mw=2500, demand=(2000, 0.18, 0.045))
    out["bench-early"] = make(
        "bench-early", 1001, n_phases=80, months=120, n_providers=6, n_regions=8, planned=(-36, 48),
        ramps=lambda rng: rng.choice([0, 3, 6, 12]), corr=(0.3, 0.4, 0.3), existing_mw=1000,
        demand=(4000, 0.2, 0.08))
    out["bench-fractional"] = make(
        "bench-fractional", 2002, n_phases=90, months=120, n_providers=6, n_regions=8, planned=(0, 96),
        ramps=lambda rng: rng.choice([0, 1.5, 2.25, 3, 4.25, 6.5, 9.75]), corr=(0.25, 0.35, 0.3),
        existing_mw=2500, demand=(3000, 0.22, 0.06), fractional=True, lognormal_every=2)
    out["bench-ramps"] = make(
        "bench-ramps", 3003, n_phases=80, months=144, n_providers=6, n_regions=8, planned=(0, 110),
        ramps=lambda rng: 0 if rng.random() < 0.5 else rng.randint(12, 24), corr=(0.3, 0.4, 0.3),
        existing_mw=2500, demand=(2000, 0.2, 0.08))
    out["bench-highcorr"] = make(
        "bench-highcorr", 4004, n_phases=60, months=120, n_providers=6, n_regions=8, planned=(0, 84),
        ramps=std_ramp, corr=(0.6, 0.6, 0.5), existing_mw=2500, demand=(2000, 0.22, 0.08))
    out["bench-lowcorr"] = make(
        "bench-lowcorr", 5005, n_phases=60, months=120, n_providers=6, n_regions=8, planned=(0, 84),
        ramps=std_ramp, corr=(0.1, 0.05, 0.1), existing_mw=2500, demand=(2000, 0.22, 0.08))
    out["bench-480"] = make(
        "bench-480", 6006, n_phases=120, months=480, n_providers=8, n_regions=10, planned=(0, 400),
        ramps=lambda rng: rng.choice([0, 3, 6, 12]), corr=(0.3, 0.4, 0.3), existing_mw=2500,
        demand=(2000, 0.095, 0.015), mw_choices=(200, 300, 400, 600, 800, 1000, 1500))
    out["bench-tiny"] = make(
        "bench-tiny", 7007, n_phases=1, months=12, n_providers=1, n_regions=1, planned=(2, 2),
        ramps=lambda rng: 3, corr=(0.3, 0.4, 0.3), existing_mw=0, demand=(150, 0.3, 0.1), lognormal_every=1)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", help="directory to write the JSON files into (created if missing)")
    ap.add_argument("--only", nargs="*", metavar="NAME", help="write only these shapes (e.g. bench-early)")
    a = ap.parse_args(argv)
    os.makedirs(a.outdir, exist_ok=True)
    all_shapes = shapes()
    wanted = a.only or list(all_shapes)
    unknown = [n for n in wanted if n not in all_shapes]
    if unknown:
        print(f"make_shapes: unknown shapes {unknown}; known: {list(all_shapes)}", file=sys.stderr)
        return 2
    for name in wanted:
        path = os.path.join(a.outdir, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(all_shapes[name], f, indent=1)
            f.write("\n")
        s = all_shapes[name]
        print(f"{path}: {len(s['phases'])} phases, {s['months']} months")
    return 0


if __name__ == "__main__":
    sys.exit(main())
