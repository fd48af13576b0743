"""Which runs a scenario asks for, as the simulator resolves it: per arm, a sha256 of every run's name,
seed and resolved config (`marrow check FILE --resolved`, the text `marrow check --runs` compares with a
kept run). A record keeps these digests, so that runs made with candidate values (`--candidate`) can be
adopted as the parameter set's once its defaults and scenario files are changed to resolve to exactly
the same runs (`scripts/validate --adopt`): a full re-validation takes longer than one working session on
a workstation, and the runs of a candidate may be made over several."""
import hashlib
import subprocess


class ResolveError(Exception):
    """The simulator could not resolve the scenario (or printed something that is not its runs)."""


def digests_of(text):
    """{arm: sha256 hex} from `marrow check --resolved` output: blocks headed "--- run <arm>_r<k> seed <s>",
    hashed per arm in the order printed (replicate order), header lines included."""
    per_arm, arm = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("--- run "):
            name = line.split()[2]
            if "_r" not in name:
                raise ResolveError(f"not a run name: {name!r}")
            arm = name.rsplit("_r", 1)[0]
            per_arm.setdefault(arm, hashlib.sha256())
        elif arm is None:
            raise ResolveError(f"output does not start with a run: {line.strip()!r}")
        per_arm[arm].update(line.encode())
    if not per_arm:
        raise ResolveError("no runs printed")
    return {a: h.hexdigest() for a, h in per_arm.items()}


def resolved_digests(exe, scenario_path, sets, cwd):
    """{arm: sha256} of the runs SCENARIO_PATH asks for with the `--set` arguments SETS."""
    p = subprocess.run([exe, "check", scenario_path, "--resolved", *sets], cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        tail = " / ".join((p.stderr or p.stdout).strip().splitlines()[-2:])
        raise ResolveError(f"{scenario_path}: `marrow check --resolved` exited {p.returncode}: {tail}")
    try:
        return digests_of(p.stdout)
    except ResolveError as e:
        raise ResolveError(f"{scenario_path}: {e}") from e
