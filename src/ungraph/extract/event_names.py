"""Event names in a block of the report: where a name ends (its head word) and where it starts.

A name ends in a *head word* that gives its kind (峰会 summit, 届会议 session, 论坛 forum, 对话
dialogue, 国际日 day, 运动 campaign, 倡议 initiative, 展 exhibition ...; :data:`HEADS`). It starts
after the nearest *boundary* to its left: punctuation outside 《》 and “”, or a word that
introduces it (在, 于, 参加, 出席, 举行的, 召开了, 纪念, 启动了 ...; :data:`BOUNDARIES`). A leading
date, place clause (在葡萄牙举行的) or determiner (一次, 首个, 这次) is cut off; the date is kept.

A name is kept only when it is *named*: it carries a title in 《》 or “”, an edition (第五次,
第二十七届), a year, the words 联合国 or 国际/世界/全球 with a topic, or a topic of at least four
characters that is not a generic word (高级别, 区域, 政府间 ...); a lone head (会议, 峰会) or a
generic one (区域会议, 部长级会议, 多边裁军会议) is not an event name. An agreement, a memorandum, a
partnership or a plan (协定, 谅解备忘录, 伙伴关系, 刺激计划) is an event only where the text says it
was launched, signed or adopted (启动, 发起, 签署, 推出, 通过了, 敲定), or under a name seen so
elsewhere; an initiative (倡议) with a proper name is one (黑海倡议, 和平村倡议), a generic one
(区域倡议, 预防倡议) is not. A name inside the title of an instrument
(《第三次发展筹资问题国际会议亚的斯亚贝巴行动议程》) is not an event the report speaks of.

>>> [(n.name, n.kind) for n in find_names("在 2023 年 3 月举行的第五次联合国最不发达国家问题会议上，")]
[('第五次联合国最不发达国家问题会议', 'ug:ConferenceEvent')]
>>> [n.name for n in find_names("我们还召集会员国参加全球减少灾害风险平台第七次会议，以更好地协调")]
['全球减少灾害风险平台第七次会议']
>>> find_names("这次会议将推动拟订一项宣言。")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ungraph.reference.gazetteer import normalise_with_offsets

__all__ = ["Name", "HEADS", "BOUNDARIES", "GENERIC_QUALIFIERS", "find_names", "edition_of", "EVENT_KINDS"]

#: Kinds of event (concepts of ``ug:EventKinds``), by head word; longest heads are tried first.
HEADS: dict[str, str] = {
    "首脑会议": "ug:SummitEvent", "峰会": "ug:SummitEvent",
    "届会议": "ug:SessionEvent", "次会议": "ug:MeetingEvent", "届会": "ug:SessionEvent", "常会": "ug:SessionEvent", "特别会议": "ug:SessionEvent",
    "审查会议": "ug:ConferenceEvent", "审议大会": "ug:ConferenceEvent", "缔约方大会": "ug:SessionEvent", "开幕会议": "ug:MeetingEvent",
    "双年度会议": "ug:MeetingEvent", "圆桌会议": "ug:MeetingEvent", "务虚会": "ug:MeetingEvent", "会议": "ug:ConferenceEvent",
    "大会": "ug:ConferenceEvent", "论坛": "ug:ForumEvent", "对话": "ug:DialogueEvent", "对话系列": "ug:DialogueEvent",
    "国际日": "ug:ObservanceEvent", "纪念日": "ug:ObservanceEvent", "人权日": "ug:ObservanceEvent", "和平日": "ug:ObservanceEvent",
    "风险日": "ug:ObservanceEvent", "高级别周": "ug:ObservanceEvent", "周年纪念活动": "ug:ObservanceEvent",
    "纪念活动": "ug:ObservanceEvent", "仪式": "ug:ObservanceEvent", "运动": "ug:CampaignEvent", "活动": "ug:CampaignEvent",
    "倡议": "ug:InitiativeEvent", "刺激计划": "ug:InitiativeEvent", "伙伴关系": "ug:InitiativeEvent",
    "协定": "ug:AgreementEvent", "谈判": "ug:MeetingEvent", "总统选举": "ug:ElectionEvent", "谅解备忘录": "ug:AgreementEvent", "框架协议": "ug:AgreementEvent",
    "全体会议": "ug:MeetingEvent",
    "博览会": "ug:ExhibitionEvent", "展览": "ug:ExhibitionEvent", "虚拟现实展": "ug:ExhibitionEvent", "展": "ug:ExhibitionEvent",
    "黑客马拉松": "ug:CompetitionEvent",
    "一般性辩论": "ug:SessionEvent",
}
#: The concepts of ``ug:EventKinds`` (for the ontology test).
EVENT_KINDS: tuple[str, ...] = tuple(sorted(set(HEADS.values())))
_HEAD = re.compile("|".join(sorted(map(re.escape, HEADS), key=len, reverse=True)))

#: Words after which a name starts (the name is what follows them).
BOUNDARIES = ("举行的", "召开的", "举办的", "举行了", "召开了", "举办了", "组织了", "主持了", "参加了", "出席了", "启动了",
              "发起了", "签署了", "达成了", "推出了", "见证下签署了", "举行", "召开", "举办", "组织", "召集", "参加", "出席",
              "参与", "纪念", "庆祝", "启动", "发起", "推出", "期间", "给", "签署", "促成", "虽然", "尽管", "然而", "但", "加入", "通过", "进行", "迈向", "迎接", "通报", "提交", "根据", "包括", "帮助", "协调", "需要", "开展", "按照",
              "在", "于", "为", "是", "由", "向", "了", "的", "将", "并", "及", "以及", "还", "也", "均", "都", "和", "与",
              "自", "从", "其", "之", "使")
_BOUNDARY = re.compile("|".join(sorted(map(re.escape, BOUNDARIES), key=len, reverse=True)))
#: Function words that may stand inside a name only within 《》 or “”, or as 和/与 between two name parts.
_INNER_OK = ("和", "与", "的", "及", "以及", "在", "于", "为", "向", "其")
_PUNCT = set("，。；：！？、（）()[]【】,;:!?+") | {"\n"}
_LEADING = re.compile(
    r"^(?:(?P<date>(?:\d{4}年)?(?:\d{1,2}(?:-\d{1,2})?月)?(?:\d{1,2}日(?:至\d{1,2}日)?)?)"
    r"(?:在[\u4e00-\u9fff]{2,8}?(?:举行|召开|举办)的)?)"
)
_DETERMINERS = re.compile(r"^(?:[-–—\s]+)?(?:一次|一场|一个|一项|首次|首个|这次|此次|该|本届|新的|有史以来第一次召开的|各国|我们的|我们|许多|这项|该项|这一|"
                          r"(?:\d+|[一二三四五六七八九十两]+)(?:\+)?[次个项])*")
_GENERIC = {"高级别", "区域", "国际", "全球", "政府间", "部长级", "年度区域", "双边", "多边", "专家", "多边裁军",
            "高级别双边", "民间社会", "联合", "专题", "公开", "非正式", "全体", "现场", "虚拟", "技术", "系列", "宣传",
            "相关", "各项", "各种", "重要", "年度", "其他", "和平", "预防", "开展", "能力建设", "外联", "监测和评价", "全球宣传", "管制", "实地", "区域论坛"}
#: Qualifiers that say what kind of meeting, not which one (高级别活动, 区域论坛).
GENERIC_QUALIFIERS = frozenset(_GENERIC)
_EDITION = re.compile(r"第([一二三四五六七八九十百零\d]+)[届次]")
EDITION = _EDITION
_NAMED = re.compile(r"[《“\"]|第[一二三四五六七八九十百零\d]+[届次]|\d{4}年|联合国|世界|国际[\u4e00-\u9fff]{2}|全球[\u4e00-\u9fff]{3}")
_LAUNCH = re.compile(r"启动|发起|签署|推出|提出了|通过了|获得通过|敲定")
#: Heads that need more than a topic: a quoted title or a commemoration (活动), a quote before them (展).
_QUOTED_HEADS = {"活动": re.compile(r"[“《\"]|纪念|庆祝|周年|^第[一二三四五六七八九十\d]+次")}
_LAUNCHED_HEADS = ("协定", "谅解备忘录", "框架协议", "刺激计划", "伙伴关系")
#: Heads whose names are proper with a two-character topic (未来峰会, 黑海倡议).
_SHORT_OK = ("峰会", "倡议", *_LAUNCHED_HEADS)
#: What after a head word makes it part of a longer word (倡议网站, 活动家, 会议厅, 大会堂).
_LONGER = ("网站", "基金", "下", "家", "人士", "厅", "室", "日历", "摘要", "管理", "服务", "堂", "大楼", "主席", "决议",
           "会员", "成员", "秘书处", "进程", "系列", "区", "员", "方", "场所", "中心", "小组", "空间", "平台")


@dataclass(frozen=True)
class Name:
    """An event name found in a text: ``name`` (normalised), its kind, spans into the text, its leading date."""

    name: str
    kind: str
    start: int
    end: int
    date: str | None = None
    date_start: int | None = None


@lru_cache(maxsize=1024)
def edition_of(name: str) -> int | None:
    """The edition a name states: 第五次 -> 5, 第二十七届 -> 27.

    >>> edition_of("缔约方会议第二十七届会议"), edition_of("联合国海洋大会")
    (27, None)
    """
    from ungraph.extract.quantities import chinese_number

    m = _EDITION.search(name)
    if not m:
        return None
    value = int(m[1]) if m[1].isdigit() else chinese_number(m[1])
    return int(value) if value is not None else None


def _depth(norm: str, at: int) -> int:
    return norm.count("《", 0, at) - norm.count("》", 0, at)


def _open_brackets(norm: str, start: int, end: int) -> bool:
    seg = norm[start:end]
    return seg.count("《") != seg.count("》") or (seg.count("“") + seg.count("”")) % 2 == 1


def _start_of(norm: str, head_start: int) -> int:
    """Where the name ending at ``head_start`` begins: after the nearest boundary to its left
    (a head that closes a 《》 title: the whole title)."""
    end = _HEAD.match(norm, head_start)
    if end and norm[end.end():end.end() + 1] == "》":
        k = norm.rfind("《", 0, head_start)
        if k >= 0 and "》" not in norm[k:head_start]:
            return k + 1
    i, depth = head_start, 0
    while i > 0 and head_start - i < 60:
        ch = norm[i - 1]
        if ch in "》”":
            depth += 1
        elif ch in "《“":
            depth -= 1
            if depth < 0:
                return i
        elif depth == 0 and ch == "、" and "和" in norm[i:head_start] and _about(norm, i) is None \
                and _short_item_before(norm, i - 1):
            pass  # a list inside the name: 人权、民间社会和反恐…会议
        elif depth == 0 and ch == "、" and _about(norm, i) is not None:
            pass
        elif depth == 0 and ch in _PUNCT:
            return i
        elif depth == 0:
            for m in _BOUNDARY.finditer(norm, max(0, i - 6), i):
                if m.end() == i and m[0] == "的" and (about := _about(norm, m.start())) is not None:
                    return about
                if m.end() == i and not _inner(norm, m, head_start):
                    return i
        i -= 1
    return i


def _inner(norm: str, m: re.Match[str], head_start: int) -> bool:
    """A boundary word that stands inside a name: 和/与 joining two parts of a topic (拉丁美洲和加勒比), a
    word right before the head (…常设论坛的开幕会议: a name is never a head alone), 的 closing a
    关于… phrase (关于全球金融架构的高级别务虚会)."""
    word = m[0]
    if word == "的" and m.end() == head_start and norm[head_start:].startswith(_SESSION_HEADS):
        return True
    if word == "的":
        return _about(norm, m.start()) is not None
    if word in ("签署", "启动", "发起") and norm[m.start() - 1:m.start()] == "和":
        return True  # 《…》通过和签署四十周年会议
    if word == "通过" and norm[m.end():m.end() + 1] == "和":
        return True
    if word not in ("和", "与", "及"):
        return False
    before, after = norm[max(0, m.start() - 2):m.start()], norm[m.end():m.end() + 2]
    return bool(re.fullmatch(r"[\u4e00-\u9fff》]{2}", before) and re.fullmatch(r"[\u4e00-\u9fff《“\d]{2}", after))


_SESSION_HEADS = ("开幕会议", "常会", "特别会议", "届会")


def _short_item_before(norm: str, at: int) -> bool:
    """The list item ending at ``at`` (a 、) is short (<= 4 characters back to punctuation, an edition or a boundary)."""
    k = at
    while k > 0 and at - k < 5 and "\u4e00" <= norm[k - 1] <= "\u9fff" and not norm[max(0, k - 3):k].endswith(("次", "届", "了")):
        k -= 1
    return at - k <= 4


def _about(norm: str, at: int) -> int | None:
    """The start of a 关于… phrase that ends at ``at`` (no punctuation but 、 in between), or ``None``."""
    k = norm.rfind("关于", max(0, at - 40), at)
    if k < 0 or any(ch in _PUNCT and ch != "、" for ch in norm[k:at]):
        return None
    return k


def _strip_generic(topic: str) -> str:
    changed = True
    while changed and topic:
        changed = False
        for g in sorted(_GENERIC, key=len, reverse=True):
            if topic.startswith(g):
                topic, changed = topic[len(g):], True
                break
    return topic


def _is_named(name: str, head: str, quoted: bool = False) -> bool:
    topic = name[: len(name) - len(head)]
    if HEADS[head] in ("ug:ObservanceEvent", "ug:ElectionEvent") and len(head) >= 3 and not topic:
        return True  # 人权日
    if len(topic) < 2 or not _strip_generic(topic) or re.fullmatch(r"[\d\W]*", topic):
        return False
    if quoted:
        return True
    if topic[-1] in "、和与及":
        return False
    if topic.startswith("关于") and "的" in topic and head not in _LAUNCHED_HEADS:
        return len(topic) >= 6  # 关于利比亚宪法轨道的高级别谈判: named by its subject
    if HEADS[head] == "ug:SessionEvent" or head in _SHORT_OK:
        return True  # 大会一般性辩论, 妇女地位委员会届会: the session of a body; 未来峰会
    if head == "大会" and topic[-1] in "向为交在及和与给应对":
        return False
    if head in ("对话", "对话系列") and not (_NAMED.search(name) or re.search("问题|高级别", topic)):
        return False
    if _NAMED.search(name):
        return True
    return len(topic) >= 4 and not any(topic.startswith(g) and len(topic) - len(g) < 2 for g in _GENERIC)


def find_names(text: str, offset: int = 0, known: frozenset[str] = frozenset()) -> list[Name]:
    """The event names in one block's ``text`` (spans shifted by ``offset``), leftmost first, no overlaps.

    ``known``: initiative and agreement names already seen launched or signed elsewhere, taken here without
    that condition (聚焦：黑海倡议和谅解备忘录).
    """
    norm, pos = normalise_with_offsets(text)
    out: list[Name] = []
    for m in _HEAD.finditer(norm):
        if norm.startswith(_LONGER, m.end()):
            continue  # the head word is inside a longer word (倡议网站, 活动家, 会议厅)
        start = _start_of(norm, m.start())
        raw = norm[start:m.end()]
        lead = _LEADING.match(raw)
        date = lead["date"] if lead and lead["date"] else None
        cut = lead.end() if lead else 0
        det = _DETERMINERS.match(raw[cut:])
        cut += det.end() if det else 0
        name = raw[cut:]
        head = m[0]
        if _depth(norm, start) > 0 and norm[m.end():m.end() + 1] != "》":
            continue  # inside the title of an instrument (《第三次发展筹资问题国际会议亚的斯亚贝巴行动议程》)
        if head in _LAUNCHED_HEADS and not (_LAUNCH.search(norm[max(0, start - 20):m.end() + 20])) \
                and norm[start:m.end()] not in known:
            continue
        if head in ("展", "展览") and norm[m.start() - 1:m.start()] not in ("”", "》", '"'):
            continue
        if head == "活动" and not _QUOTED_HEADS["活动"].search(name):
            continue
        if head == "大会" and norm[m.start() - 1:m.start()] in ("及", "和", "与", "、"):
            continue  # 安全理事会和大会: the General Assembly
        quoted = norm[start + cut - 1:start + cut] == "“" and norm[m.end():m.end() + 1] == "”"
        if not _is_named(name, head, quoted) or _open_brackets(norm, start + cut, m.end()):
            continue
        ds = offset + pos[start] if date else None
        for part_start, part, part_head in _parts(name, start + cut):
            if not _is_named(part, part_head, quoted):
                continue
            s, e = offset + pos[part_start], offset + pos[part_start + len(part) - 1] + 1
            if any(n.start == s and n.end == e for n in out):
                continue
            if out and out[-1].end > s:
                if s > out[-1].start:
                    continue
                out.pop()  # a longer name that contains the one before (…论坛2023年届会)
            out.append(Name(part, HEADS[part_head], s, e, date, ds))
    return sorted(out, key=lambda n: n.start)


def _parts(name: str, at: int) -> list[tuple[int, str, str]]:
    """A list of events in one phrase ("A、B和C", each ending in a head word) split into its items."""
    cuts = [0]
    for m in _HEAD.finditer(name):
        if m.end() < len(name) and name[m.end()] in "、和" and not _open_brackets(name, 0, m.end()):
            cuts.append(m.end() + 1)
    if len(cuts) == 1:
        head = _head_of(name)
        return [(at, name, head)] if head else []
    out = []
    for a, b in zip(cuts, [*cuts[1:], len(name) + 1], strict=True):
        part = name[a:b - 1] if b <= len(name) else name[a:]
        det = _DETERMINERS.match(part)
        if det and det.end():
            a, part = a + det.end(), part[det.end():]
        if (h := _head_of(part)) is not None:
            out.append((at + a, part, h))
    return out


def _head_of(name: str) -> str | None:
    for head in sorted(HEADS, key=len, reverse=True):
        if name.endswith(head):
            return head
    return None
