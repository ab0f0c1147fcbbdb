"""The README's two commands are what CI and a new user run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_exactly_two_commands():
    cmds = commands()
    assert len(cmds) == 2 and all("\n" not in c for c in cmds)
    assert cmds[0].startswith("python -m pip install .") and "incidentmap map " in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert commands()[1] in ci


def test_ci_runs_it_in_a_fresh_virtual_environment():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    before = ci.split(commands()[1])[0]
    assert "venv --clear" in before and "/bin/activate" in before
