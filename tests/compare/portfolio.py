"""A small portfolio whose comparison numbers are worked out by hand in the tests.

第一届: P1 (final), P2 (final; its midterm is ignored), P3 (midterm only; its self-assessment is ignored).
第二届: P1 (version 2 counts, scored with rubric 0.2.0 which has D1.03 instead of D1.02), P2 (final).
"""

from __future__ import annotations

from tests.compare.build import result

D = "scored"


def results():
    return [
        result("P1", "第一届", "a", grade="fail", domains={"D1": (20, 40), "D2": (30, 60)},
               indicators={"D1.01": (5, 10, D), "D1.02": (0, 10, "missing"), "D2.01": (15, 20, D)},
               orgs=[("舞蹈队", 1), ("ＡＢ合唱团", 2)], organization="锦里中心"),
        result("P2", "第一届", "b", domains={"D1": (30, 40), "D2": (40, 60)},
               indicators={"D1.01": (10, 10, D), "D1.02": (5, 10, D), "D2.01": (5, 20, D)},
               orgs=[("书画社", 3), ("太极队", 1)]),
        result("P2", "第一届", "c", type="midterm", grade="fail", domains={"D1": (5, 40), "D2": (5, 60)},
               indicators={"D1.01": (0, 10, D), "D1.02": (0, 10, D), "D2.01": (0, 20, D)}),
        result("P3", "第一届", "d", type="midterm", grade="excellent", domains={"D1": (36, 40), "D2": (54, 60)},
               indicators={"D1.01": (10, 10, D), "D1.02": (10, 10, D), "D2.01": (20, 20, D)},
               name='=HYPERLINK("http://evil.example","点我")', organization="+cmd|' /C calc'!A0"),
        result("P3", "第一届", "e", type="self", grade="excellent", domains={"D1": (40, 40), "D2": (59, 60)},
               indicators={"D1.01": (10, 10, D), "D1.02": (10, 10, D), "D2.01": (20, 20, D)}),
        result("P1", "第二届", "f", rubric="r3", grade="fail", domains={"D1": (20, 40), "D2": (20, 60)},
               indicators={"D1.01": (0, 10, D), "D1.09": (0, 10, D), "D2.01": (0, 20, D)}),
        result("P1", "第二届", "g", rubric="r2", domains={"D1": (30, 40), "D2": (45, 60)},
               indicators={"D1.01": (10, 10, D), "D1.03": (5, 10, D), "D2.01": (15, 20, D)},
               orgs=[("舞蹈队 ", 3), ("AB合唱团", 1), ("新队", 1)], name="阳光项目二期"),
        result("P2", "第二届", "h", domains={"D1": (20, 40), "D2": (40, 60)},
               indicators={"D1.01": (5, 10, D), "D1.02": (5, 10, D), "D2.01": (10, 20, D)},
               orgs=[("书画社", 3), ("#3", 0)]),
    ]
