from service.schemas import Check
from service.verify import HARD_CHECKS, check_warnings


def test_gate_lines_come_first_then_soft_failures_in_order() -> None:
    checks = [
        Check(name="no_platitudes", passed=False, detail="generic phrases in the reply: «x»"),
        Check(name="language_match", passed=False, hard=True, detail="reply is in «en», expected «zh»"),
        Check(name="seams", passed=True, detail="clean"),
        Check(name="plan_complete", passed=False, detail="step 1: empty measure"),
    ]
    assert check_warnings(checks) == [
        f"final gate: language_match: {HARD_CHECKS['language_match']} (reply is in «en», expected «zh»).",
        "check 'no_platitudes' failed: generic phrases in the reply: «x»",
        "check 'plan_complete' failed: step 1: empty measure",
    ]


def test_nothing_failed_nothing_to_say() -> None:
    assert check_warnings([Check(name="seams", passed=True, detail="clean")]) == []
