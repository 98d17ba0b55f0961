"""Issue 9, item 5: the posts of the High Representative for Disarmament Affairs and of the
Special Representative for Disaster Risk Reduction belong to ODA and UNDRR, whose heads they are.

The attributions read "副秘书长兼裁军事务高级代表中满泉" and "助理秘书长兼负责减少灾害风险问题秘书长
特别代表 水鸟真美": the functions after 兼 name the office each official heads.
"""

from __future__ import annotations

from ungraph.extract import persons
from ungraph.records import Statement
from ungraph.extract import build_context


def _facts(real):
    doc, segments, gazetteer = real
    return {(r.subject.key, r.predicate, r.object.key) for r in persons.extract(doc, segments, build_context(doc, segments, gazetteer))
            if isinstance(r, Statement) and r.predicate in ("org:postIn", "org:headOf")}


def test_high_representative_for_disarmament_affairs_heads_oda(real) -> None:
    facts = _facts(real)
    assert ("fu-mi-shu-zhang-jian-cai-jun-shi-wu-gao-ji-dai-biao", "org:postIn", "ODA") in facts
    assert ("zhong-man-quan", "org:headOf", "ODA") in facts


def test_special_representative_for_disaster_risk_reduction_heads_undrr(real) -> None:
    facts = _facts(real)
    post = "zhu-li-mi-shu-zhang-jian-fu-ze-jian-shao-zai-hai-feng-xian-wen-ti-mi-shu-zhang-te-bie-dai-biao"
    assert (post, "org:postIn", "UNDRR") in facts
    assert ("shui-niao-zhen-mei", "org:headOf", "UNDRR") in facts
