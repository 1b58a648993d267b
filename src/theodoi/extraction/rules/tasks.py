"""Task rules as data: due-date forms, duty sections, work verbs, agency lead-ins, kinds."""

from __future__ import annotations

import re

from theodoi.domain.dates import DAY_DIGITS, DAY_WORDS, QUARTER_NUMERAL, renamed
from theodoi.extraction.folded import Folded, folded
from theodoi.extraction.gated import gated
from theodoi.extraction.line_rules import line_rule
from theodoi.extraction.rules.labels import DECIMAL, ITEM
from theodoi.extraction.rules.letters import CAPITALS, SMALLS
from theodoi.extraction.skipping import skipping

# "Quý I năm 2026", "Quý IV/2025", "quý II năm 2026", "Quý I hằng năm", "Quý 2/2026"
QUARTER = gated(re.compile(rf"[Qq]uý\s+(?P<q>{QUARTER_NUMERAL})\s*(?:(?:năm\s+|/\s*)(?P<y>20\d{{2}})|"
                           r"(?P<annual>hằng\s+năm|hàng\s+năm))"))
# A digit: every date rule below holds one in each of its matches (a day, a month's or a
# year's number) but QUARTER ("Quý I hằng năm"), so text without one is asked for a quarter
# only (dates.parse_due)
DIGIT = re.compile(r"\d")
# "Quý IV/2025 - Quý II/2026": a range of quarters ends with the second
RANGE_DASH = re.compile(r"\s*[-–]\s*")
# "trước ngày 10/11/2024", "ngày 30/6/2026", "ngày 10 tháng 12 năm 2026" ("Ngày 15/5/2027" at the
# start of a cell or a role's value), and the date written
# with dashes or dots ("30-6-2026", "30.6.2026") or without "ngày" after a deadline word
# ("trước 30/6/2026", "hạn chót 30.6.2026")
DAY = re.compile(r"(?:[Nn]gày\s+|(?<=[Tt]rước\s)|(?<=[Hh]ạn\s)|(?<=[Hh]ạn:\s)|(?<=chót\s)|(?<=là\s))"
                 rf"{DAY_DIGITS}|{renamed(DAY_WORDS, '2')}")  # 30/6/2026, ngày 10 tháng 12 năm 2026
# Every DAY holds one of these (a digit, then a separator and a digit, or "tháng"): a text
# without any has no day to search for, and most texts of work have none
DAY_HINT = re.compile(r"\d(?:\s*[/.-]\s*\d|\s+tháng)")
# What makes a day in running prose a deadline rather than the date of a cited document
# ("Kế hoạch số 64/KH-UBND ngày 22/8/2025"): a deadline word just before it
DEADLINE_CUE = re.compile(r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn(?:\s+chót)?:?|hoàn\s+thành|xong|đến|"
                          r"vào|trong|kể\s+từ|từ)\s*(?:ngày\s*)?$", re.IGNORECASE)
# "trước ngày 15/12 hằng năm", "trước ngày 30 tháng 11 hàng năm": a day of every year
ANNUAL_DAY = gated(re.compile(r"[Nn]gày\s+(?P<d>\d{1,2})\s*(?:/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?!\s*/)"
                              r"\s+(?:hằng|hàng)\s+năm"))
# The same said the other way round: "Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo …"
YEARLY_BEFORE_DAY = gated(re.compile(r"(?:hằng|hàng)\s+năm\W{1,3}(?:trước|chậm\s+nhất)\s+ngày\s+"
                                     r"(?P<d>\d{1,2})(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})"
                                     r"(?!\s*(?:/|năm|\d))"))
# "Tháng 11 hằng năm", "trong tháng 12 hàng năm": a month of every year
ANNUAL_MONTH = gated(re.compile(r"[Tt]háng\s+(?P<m>\d{1,2})\s+(?:hằng|hàng)\s+năm"))
# "trước ngày 20/11", "Trước 15/12", "trước tháng 6": a day or month of the plan's first year,
# no year said
# (a table's time cell starts with a capital: "Trước ngày 20/11")
DAY_NO_YEAR = gated(re.compile(r"(?:[Tt]rước|[Cc]hậm\s+nhất(?:\s+là)?|[Hh]ạn\s+chót)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*"
                               r"(?P<m>\d{1,2})(?!\s*[/.-]?\s*\d)(?!\s+(?:hằng|hàng)\s+năm)"))
MONTH_NO_YEAR = gated(re.compile(r"(?:[Tt]rước|[Tt]rong|[Cc]hậm\s+nhất(?:\s+là)?)\s+tháng\s+(?P<m>\d{1,2})\b"
                                 r"(?!\s*(?:/|năm|[-–]))"))
# "tháng 9/2026", "tháng 9 năm 2026", "Tháng 11 - 12/2025" (a range ends with its last month);
# not the month inside a full day ("ngày 25 tháng 01 năm 2021"). The pattern opens with its
# first letter and looks behind after it (not before): the engine then skips ahead to a "t"
# instead of trying the look-behind at every character, for the same matches.
MONTH = gated(re.compile(r"[Tt](?<!\d\s[Tt])háng\s+(?:\d{1,2}\s*[-–]\s*(?:tháng\s+)?)?(?P<m>\d{1,2})\s*"
                         r"(?:/|\s+năm\s+)(?P<y>20\d{2})"))
# "6 tháng đầu năm 2026", "9 tháng đầu năm 2027" (the months' end), "đầu năm 2027" (its first
# quarter), "giữa năm 2027" (its first half)
HALF = gated(re.compile(r"(?:(?P<n>3|6|9)\s+tháng\s+đầu|(?<!từ\s)(?P<part>[Đđ]ầu|[Gg]iữa))\s+năm\s+"
                        r"(?P<y>20\d{2})"))  # ("ngay từ đầu năm 2027" is when work starts)
HALF_MONTH = {"đầu": 3, "giữa": 6}  # the last month of "đầu năm", "giữa năm"
# "giai đoạn 2026 - 2030", "Giai đoạn 2026-2030" (a table's cell), "năm 2026 - 2027"
# Where a span of time ends: "từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", "từ ngày UBND
# thị trấn ban hành kế hoạch đến hết năm 2024", "từ nay đến ngày 30/6/2027": the work is due
# at its end (the words between may be no date at all)
UNTIL = skipping(re.compile(r"\b[Tt]ừ\s+(?:ngày|tháng|quý|năm|nay|đầu|khi)\b[^;]{0,80}?\s"
                            r"đến(?:\s+hết)?\s+(?=(?:ngày|tháng|quý|năm|cuối|trước)\b|\d)"))
PERIOD = re.compile(r"(?:[Gg]iai đoạn|[Nn]ăm)\s+(?:20\d{2})\s*[-–]\s*(?P<y>20\d{2})")
# "Năm 2027:", "trong năm 2025", "đến năm 2027", "vào năm 2028"
YEAR = re.compile(r"(?:^|\b)(?:[Nn]ăm|trong năm|đến năm|vào năm)\s+(?P<y>20\d{2})")
# The same, said as a deadline (for prose that mentions years for other reasons)
DEADLINE_YEAR = re.compile(r"(?:^\s*[-+*•]?\s*Năm\s+(?P<y1>20\d{2})\s*:|"
                           # "hoàn thành năm 2027", "xong trong năm 2026"
                           r"\b(?:trong|[Cc]uối|trước|hoàn thành|xong)\s+năm\s+(?P<y2>20\d{2})|"
                           # "đến năm 2030" names a horizon ("Chiến lược … đến năm 2030") unless
                           # the work is to be finished by then ("đến năm 2027 hoàn thành …")
                           r"\b[Đđ]ến\s+năm\s+(?P<y3>20\d{2})(?=,?\s+(?:phải\s+)?hoàn thành))")

# Headings of the part that gives each body its duties
DUTY_SECTION = re.compile(r"^(?:tổ chức thực hiện|trách nhiệm thực hiện|phân công)", re.IGNORECASE)
# A dated piece of work: "Năm 2027: Hoàn thành …", "Đến năm 2027 hoàn thành …"
# ("…, thực hiện trong quý II năm 2026": the time the work is to be carried out in is its own)
DATED_WORK = folded(re.compile(r"^(?:[-+*•]\s*)?(?:năm\s+20\d{2}\s*:|(?:đến|trong)\s+năm\s+20\d{2}\b"
                               r".{0,40}hoàn thành)|\b(?:hoàn thành|thực hiện)\b[^;.]{0,80}?"
                               r"(?:trong|vào|trước)\s+(?:năm\s+20\d{2}|quý\s+[iv]+|tháng\s+\d)|"
                               r"(?:trước|chậm nhất)\s+ngày\s+\d{1,2}/\d{1,2}/20\d{2}|"
                               # a day of every year: "báo cáo … trước ngày 15/12 hằng năm",
                               # "Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo …"
                               r"(?:trước|chậm nhất)\s+ngày\s+\d{1,2}(?:\s*/\s*|\s+tháng\s+)"
                               r"\d{1,2}\s+(?:hằng|hàng)\s+năm|(?:hằng|hàng)\s+năm\W{1,3}"
                               r"(?:trước|chậm nhất)\s+ngày\s+\d{1,2}(?:\s*/\s*|\s+tháng\s+)\d",
                               re.IGNORECASE))

CAPITAL = f"[{CAPITALS}]"  # a capital letter of Vietnamese (rules/letters.py)
# Work whose product goes to a body by a time: "Xây dựng Đề án …, trình Ban Chấp hành Đảng bộ
# xã trong Quý III năm 2027". Case-sensitive: the body "trình" names is capitalised, so
# "chương trình", "quá trình" and "trình độ" are never the verb
SUBMITTED_BY = gated(re.compile(rf"(?<!\w)trình\s+(?:{CAPITAL}|cấp\b)[^;.]{{0,80}}?\s(?:trong|vào|trước)"
                                r"\s+(?:năm\s+20\d{2}|[Qq]uý\s+[IV]+|tháng\s+\d)"))
# Where the work a dated sentence names ends and what is done with it, or by when, begins:
# "Xây dựng quy hoạch … 2026 - 2030, trình Ban Thường vụ … trong quý I năm 2026"
WORK_TAIL = re.compile(r"[,;]\s*(?:trình|hoàn thành|báo cáo|xong)\b|"
                       r"\s(?:trong|trước|vào)\s+(?:năm|quý|tháng|ngày)\b", re.IGNORECASE)

# How often a body is to do its work, said between the body and its verb: "Các cơ quan, đơn
# vị định kỳ hằng quý báo cáo …", "UBND các xã hằng năm tổ chức …": where the body's name ends
RECURRING = r"định kỳ|(?:hằng|hàng)\s+(?:ngày|tuần|tháng|quý|năm|kỳ)\b"

# The words that open a duty after its body: "X chủ trì …", "X: Căn cứ …"
DUTY_VERBS = re.compile(
    rf"\s(?:{RECURRING}|chủ trì|chủ động|có trách nhiệm|căn cứ|phối hợp|tham mưu|chỉ đạo|"
    r"tổ chức|thường xuyên|"
    r"tăng cường|phát huy|xây dựng|khẩn trương|cụ thể hóa|cụ thể hoá|theo dõi|hướng dẫn|"
    r"chịu trách nhiệm|triển khai|bám sát|tuyên truyền|vận động|giám sát|kiểm tra|"
    r"lãnh đạo|tham gia|là cơ quan|là đầu mối)\b", re.IGNORECASE)  # "Đảng ủy UBND xã lãnh đạo …"
# A paragraph that gives work to a body of its own opens a duty, label or not: "1. Căn cứ kế
# hoạch này, các sở … xây dựng kế hoạch …\nGiao Công an tỉnh chủ trì, phối hợp …"
ASSIGNING_LINE = re.compile(rf"\n(?=[^\S\n]*(?:Giao(?: cho)?|Đề nghị|Yêu cầu)\s+(?:{CAPITAL}|các\s))")
DUTY_LEAD_IN = re.compile(rf"^(?:{ITEM}\s*)*(?:Đề nghị|Yêu cầu|Giao(?: cho)?)"
                          r"\s+(?:các ông, bà\s+)?", re.IGNORECASE)

KINDS: list[tuple[Folded | re.Pattern[str], str]] = [
    (folded(re.compile(r"khâu đột phá|đột phá", re.IGNORECASE)), "breakthrough"),   # khâu đột phá
    (re.compile(rf"^(?:{ITEM}\s*)?(?:(?:Xây dựng|Ban hành)\s+)?Đề án\b"),
     "scheme"),                                                           # (Xây dựng) Đề án …
    # the body's work is to make one: "Đảng ủy UBND xã lãnh đạo UBND xã xây dựng và tổ chức
    # thực hiện Đề án …", "Phòng Kinh tế chủ trì xây dựng Đề án …"
    (re.compile(r"^[^.;:]{0,80}?\s(?:xây dựng|ban hành)(?:\s+và\s+[^.;:]{0,30}?)?\s+Đề án\b"),
     "scheme"),
    (folded(re.compile(r"công trình trọng điểm", re.IGNORECASE)), "key_project"),
]

# An appendix row: "15 Xây dựng quy hoạch … UBND xã" or a row number alone on its line
APPENDIX_TITLES = ("PHỤ LỤC", "Phụ lục")  # a text holding neither has no appendix
APPENDIX = line_rule(re.compile("|".join(rf"^\s*{re.escape(t)}\b" for t in APPENDIX_TITLES),
                                re.MULTILINE))
ROW_START = re.compile(rf"^\s*(?P<n>\d{{1,3}})\s*\.?\s*(?:\n\s*)?(?P<content>[{CAPITALS}][^\n]{{5,}})$",
                       re.MULTILINE)
# Bodies that prepare an appendix item, written at the end of the content line
ROW_AGENCY = re.compile(r"\s(?P<agency>(?:UBND|HĐND|Ủy ban nhân dân|Văn phòng|Phòng|Công an|"
                        r"Ban Chỉ huy|Đảng ủy|Ban Xây dựng Đảng|Ủy ban MTTQ|MTTQ)[^\n]{0,30})\s*$")



def apart(source: str) -> str:
    """A regex source of words whose spaces match any run of whitespace: a PDF breaks a line
    anywhere, and its text puts a blank line after each ("Thời gian hoàn\n\nthành: …")."""
    return source.replace(" ", r"\s+")


# Assignment lines of a block: "Cơ quan chủ trì: …", "Người chủ trì: …", "Thời gian thực hiện: …"
BLOCK_ROLES = apart(r"(?:Cơ quan|Đơn vị) chủ trì|Cơ quan chuẩn bị|Cơ quan tham mưu|Người chủ trì|"
                    r"(?:Cơ quan|Đơn vị) (?:thực hiện và )?phối hợp|(?:Cơ quan|Đơn vị) thực hiện|"
                    r"(?-i:Chủ trì|Phối hợp)(?=\s*:)|"
                    r"Thời gian (?:thực hiện|hoàn thành)|(?:(?<=[-+*•).]\s)|(?<=[-+*•).]))"
                    r"Thời gian(?=\s*:)|Thời hạn(?: hoàn thành)?")
BLOCK_LINE = line_rule(re.compile(
    rf"^[^\S\n]*(?:(?:{DECIMAL}|{ITEM})\s*)?"  # at a line start, after a label
    rf"(?P<role>{BLOCK_ROLES})[^:\n]{{0,60}}:\s*"
    r"(?P<value>[^\n]+)", re.IGNORECASE | re.MULTILINE))
# (the role's name alone, "Chủ trì: Ban Tổ chức Đảng ủy; phối hợp: …", only capitalised and with
# its colon: "phối hợp: …" opening a line goes on from a PDF line broken before it;
# "Chủ trì, phối hợp với các sở …:" opens a list of duties)
# (a bare "Thời gian:" only after a label or bullet, "c) Thời gian: Ngày 15/5/2027": alone
# on its line it is the plan's own time, "Thời gian: từ nay đến năm 2030")
# The same lines written inside a numbered item, after its work: "1. Xây dựng Kế hoạch …. Cơ quan
# chủ trì: Phòng Kinh tế. Thời gian hoàn thành: Quý III năm 2026."
INLINE_ROLES = apart(r"(?:Cơ quan|Đơn vị) chủ trì|Cơ quan tham mưu|Người chủ trì|"
                     r"(?:Cơ quan|Đơn vị) (?:thực hiện và )?phối hợp|(?:Cơ quan|Đơn vị) thực hiện|"
                     r"Thời gian (?:thực hiện|hoàn thành)|Thời hạn(?: hoàn thành)?")
INLINE_ROLE = re.compile(rf"[.;][^\S\n]+(?P<role>{INLINE_ROLES})\s*:\s*"
                         r"(?P<value>[^.;\n]+(?:\.\d[^.;\n]*)*)", re.IGNORECASE)
# A work item's time written after a colon, before its roles: "Tổ chức Lễ phát động Tết trồng
# cây: tháng 02/2027; đơn vị thực hiện: Phòng Kinh tế"
TITLE_TIME = re.compile(r"^(?P<work>.{8,}?)\s*:\s*(?P<time>[^:]{4,40})$")
# A line a PDF broke right after a role's name: its value is on the next line, which goes on
# from it ("…. Cơ quan chủ trì:\nPhòng Kinh tế. Thời gian …"); a lead-in's colon ends it
ROLE_BEFORE_BREAK = re.compile(rf"(?:{INLINE_ROLES}|\((?:chủ trì|phối hợp|tham mưu)|"
                               r"[;,]\s*(?:thời gian|thời hạn))\s*:$",
                               re.IGNORECASE)  # "… xã (chủ trì:\nPhòng Kinh tế; …)", "…
# Phòng Văn hóa - Xã hội chủ trì; thời gian:\ntháng 10/2027"
# Headings that only structure a block; the task is the heading above them
BLOCK_PARTS = re.compile(r"^(?:triển khai|tổ chức thực hiện|mục tiêu|nội dung|cơ quan|người|"
                         r"thời gian|thời hạn|nguồn lực|hoạt động|kinh phí|"
                         r"đơn vị (?:chủ trì|thực hiện|phối hợp))", re.IGNORECASE)
# A value ends at the first sentence break or the first verb after the body's name
VALUE_END = re.compile(r"[.;]|\s(?:là|chủ trì|chịu|xây dựng|phối hợp|tham mưu|hướng dẫn|"
                       r"thực hiện|triển khai)\b")

# Headings whose items are tasks of one kind ("3. Các khâu đột phá", "Các công trình trọng điểm")
KIND_SECTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:các\s+)?(?:khâu\s+)?đột phá", re.IGNORECASE), "breakthrough"),
    (re.compile(r"^(?:các\s+)?công trình trọng điểm", re.IGNORECASE), "key_project"),
]

# Work that names its body at its end, after the work and its time: "Đường giao thông liên
# thôn …, hoàn thành năm 2027; giao UBND xã chủ trì", "… trong quý III (Phòng Kinh tế chủ
# trì)", "…; Công an xã chủ trì, phối hợp với Ban Chỉ huy Quân sự xã."
TRAILING_LEAD = gated(re.compile(rf"[;,(]\s*(?:[Gg]iao(?:\s+cho)?\s+)?(?P<lead>[{CAPITALS}][^;,.()]{{1,60}}?)"
                                 r"\s+chủ trì(?:,?\s*phối hợp(?:\s+với)?\s+(?P<co>[^;.()]{2,120}?))?"
                                 r"\s*\)?\s*\.?$"))
# Work whose assignment is written at its end, in a parenthesis or a sentence that gives it:
# "Rà soát quy hoạch … (chủ trì: Phòng Kinh tế; phối hợp: …; thời gian hoàn thành: Quý
# II/2027)", "… (Phòng Kinh tế chủ trì, phối hợp với …; hoàn thành trong tháng 8/2027)",
# "Kiện toàn Ban Chỉ đạo …. Giao Văn phòng HĐND và UBND xã tham mưu, hoàn thành …", or a last
# sentence opening with the body, its time after a semicolon: "Làm sạch dữ liệu dân cư. Công
# an xã chủ trì, phối hợp với các thôn; hoàn thành trong Quý II năm 2027" (ASSIGNING_VERB)
ASSIGNED_AT_END = re.compile(r"\s*\((?P<paren>[^()]{4,300})\)\s*[.;]?$|"
                             rf"[.;]\s+(?P<given>(?:[Gg]iao\b|[{CAPITALS}])[^.;]{{4,300}}"
                             r"(?:;[^.;]{2,160})*)\.?$")
# The verb that makes such a last sentence an assignment: the body there carries the work out
# (not "…. UBND xã đã chỉ đạo …", what was done, nor "…. Phòng Kinh tế hướng dẫn …", more work)
ASSIGNING_VERB = re.compile(r"(?:chủ trì|thực hiện|tham mưu|phụ trách|chịu trách nhiệm)\b")
# The roles inside such a parenthesis: "chủ trì: …; phối hợp: …; thời gian hoàn thành: …"
ROLE_IN_PARENTHESIS = re.compile(
    r"(?:^|;)\s*(?P<role>(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì|phối hợp|tham mưu|thực hiện)|"
    r"(?:thời gian|thời hạn|tiến độ)[^:;]{0,25})\s*:\s*(?P<value>[^;]+)", re.IGNORECASE)
# A duty's body never starts with an action ("Chỉ đạo …", "Xây dựng kế hoạch …") nor with
# the role the body above holds ("Là cơ quan thường trực, chủ trì …")
ACTION_START = re.compile(
    r"^(?:chỉ đạo|xây dựng|tổ chức|thường xuyên|đẩy mạnh|tăng cường|cụ thể ho[áa]|triển khai|"
    r"tuyên truyền|kiểm tra|theo dõi|hướng dẫn|thực hiện|nâng cao|phát huy|tập trung|"
    r"hoàn thành|chủ động|phối hợp|tham mưu|đề xuất|rà soát|bố trí|ban hành|là)\b", re.IGNORECASE)
# An opening phrase before the body: "Trên cơ sở nhiệm vụ được giao, các phòng …"
BODY_PREFIX = re.compile(r"^(?:Trên cơ sở|Căn cứ|Để|Nhằm).*?,\s*(?=(?:các|UBND|Ủy ban|Uỷ ban|"
                         r"Phòng|Văn phòng|Ban|Hội|Đoàn|Công an|Mặt trận|MTTQ)\b)",
                         re.IGNORECASE)

# The bodies a product goes to for a decision or an opinion (Ban Thường vụ, Ban Chấp hành,
# Thường trực, HĐND, UBND, its Chủ tịch, the Đảng ủy)
DECIDING_BODY = (r"(?:Ban Thường vụ|BTV|Ban Chấp hành|BCH|Thường trực|HĐND|Hội đồng nhân dân|"
                 r"Chủ tịch UBND|Chủ tịch Ủy ban nhân dân|UBND|Ủy ban nhân dân|Đảng ủy)")
# "trình Ban Thường vụ Đảng ủy", "trình BCH Đảng bộ xã", "báo cáo Thường trực Đảng ủy",
# "báo cáo về UBND xã", "xin ý kiến Ban Thường vụ": who the work goes to (the verb in lower
# case: "Báo cáo UBND xã …" opening an item names a product, not where one goes). Each verb
# opens with its first letter and the word boundary is a look-behind after it: the engine
# then skips ahead to a t, b or x instead of trying every verb at every character.
SUBMIT_TO = re.compile(r"(?:t(?<!\wt)rình|b(?<!\wb)áo cáo|x(?<!\wx)in ý kiến)\s+"
                       r"(?:(?:về|lên|với)\s+)?"
                       rf"(?P<to>{DECIDING_BODY}[^,.;:\n]{{0,30}}?)"
                       r"(?=\s*(?:[,.;:\n]|phê duyệt|xem xét|cho ý kiến|ban hành|thông qua|"
                       r"trong|trước|vào|định kỳ|kết quả|tình hình|$))")

# A duty that submits a decision and lists what it holds ("Tham mưu UBND tỉnh trình HĐND tỉnh
# quyết định:" then "Phương án phân bổ vốn …", "Mức vốn đối ứng …"): its items are its parts
SUBMISSION_LEAD_IN = re.compile(rf"(?<!\w)trình\s+(?:{DECIDING_BODY}|cấp\b)[^:]*:\s*$")

# A body's name its cell broke before its end: "Phòng Văn hóa -", "Văn phòng HĐND và",
# "Ủy ban nhân dân xã,"
NAME_GOES_ON = re.compile(r"(?:\s(?:và|của)|[-–,])$")

# Where a row's time column starts when it shares the line with the body ("UBND xã Quý I …")
ROW_TIME = re.compile(r"\s(?:[Qq]uý|[Nn]ăm|[Tt]háng|[Tt]rước|[Tt]rong|\d)")

# What a task produces: said outright ("Sản phẩm: Báo cáo …"), or the document the work is
# ("Kế hoạch đầu tư công …" produces a Kế hoạch)
PRODUCT_SAID = gated(re.compile(r"[Ss]ản phẩm\s*:\s*(?P<product>[^.;\n]{3,120})"))
PRODUCT_KIND = re.compile(rf"^(?:{ITEM}\s*)?(?:Xây dựng\s+|Ban hành\s+)?"
                          r"(?P<product>Kế hoạch|Đề án|Nghị quyết|Chương trình|Báo cáo|Quy hoạch|"
                          r"Quy chế|Quyết định|Dự án)\b", re.IGNORECASE)

# "X chủ trì, phối hợp (với) Y, Z xây dựng …", "…, phối hợp với các thôn; hoàn thành …": the
# co-agencies of a piece of work
CO_AGENCIES = gated(re.compile(r"[Cc]hủ trì,?\s*phối hợp(?:\s+với)?\s+(?P<co>[^;]+?)(?:\s*;|\s+(?:xây dựng|tổ chức|thực hiện|"
                               r"triển khai|rà soát|hoàn thành|tham mưu|hướng dẫn|tuyên truyền|theo dõi|"
                               r"căn cứ|có trách nhiệm|theo|trong|để|nhằm)\b)"))  # or the clause's end
# Cells of a table row exported to text: a tab (or a "|") between them
CELL_GAP = re.compile(r"\t+|\s*\|\s*")

# "UBND xã chủ trì, …", "Giao Phòng Kinh tế chủ trì …": the lead named in a sentence of work
LEAD_CHU_TRI = re.compile(rf"^(?:{ITEM}\s*)?(?:Giao(?: cho)?\s+)?(?P<lead>[{CAPITALS}][^;:]{{2,80}}?)"
                          r"\s+chủ trì\b")
# A clause that is only the deadline of the one before it ("…; hoàn thành trong Quý I năm 2026")
DEADLINE_TAIL = re.compile(r"^(?:hoàn thành|thực hiện xong)\s+(?:trong|trước|vào)\b", re.IGNORECASE)

# Where the body of a plan ends, so the last duty does not run on into the closing lines:
# "Trên đây là Kế hoạch …", "Nơi nhận:", or the signature block "TM. ỦY BAN NHÂN DÂN",
# "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH" when a TXT or PDF export puts it right after the
# last line (the mark must be followed by an upper-case body, as signatures are written).
END_OF_BODY = re.compile(
    r"(?:\n\s*(?i:Trên đây là|Nơi nhận)"
    rf"|(?:\n|(?<=\.)\s+)\s*(?:T/M|TM\.|KT\.|TL\.|TUQ\.)\s*[{CAPITALS}]{{2}})")  # the end keeps its "."

# --- Duties written as prose paragraphs (stages/task_prose.py) -------------------------------
# How Vietnamese plans, resolutions and letters of every level give work to a body, whatever
# the layout: "Sở Y tế chủ trì, phối hợp với …", "Ủy ban nhân dân các tỉnh, thành phố:" above
# its duties, "Giao Phòng Kinh tế …", "Đề nghị Ủy ban MTTQ …".

# The words a body's (or an office holder's) name starts with, at any level: Bộ/Sở/Phòng,
# Ủy ban nhân dân, Ban, Cục, Đài, Liên minh, Ngân hàng, "các tỉnh, thành phố", "Bộ trưởng" …
# The lookaheads keep common verbs and nouns that share a first word out: "Tổ chức tập huấn",
# "Ban hành …", "Báo cáo …", "Phòng, chống …", "Hội nghị …", "Trường hợp …", "Bộ máy …".
SUBJECT_HEAD = re.compile(
    r"^(?:các\s+|mỗi\s+|từng\s+)?(?:"
    r"bộ(?!\s+(?:máy|phận|tiêu chí|chỉ số|công cụ|tài liệu|dữ liệu|luật))|sở|ủy ban|uỷ ban|ubnd|"
    r"hđnd|hội đồng|ban(?!\s+hành)|văn phòng|tổng cục|chi cục|cục|ngân hàng|kho bạc|"
    r"bảo hiểm xã hội|liên minh|liên đoàn|đài|thông tấn xã|báo(?!\s+cáo)|trung tâm|công an|"
    r"viện|tòa án|toà án|thanh tra|mặt trận|mttq|hội(?!\s+(?:nghị|nhập|thảo|thi|diễn))|"
    r"đoàn(?!\s+kết)|trường(?!\s+hợp)|bệnh viện|trạm|phòng(?!,?\s+(?:chống|ngừa|tránh))|"
    r"tỉnh|thành phố|đảng ủy|đảng uỷ|chi bộ|cơ quan|đơn vị|doanh nghiệp|tập đoàn|"
    r"tổng công ty|công ty|hợp tác xã|tổ(?!\s+chức)|thôn|bản|ấp|khu phố|người đứng đầu|"
    r"thủ trưởng|giám đốc|chủ tịch|bộ trưởng|trưởng|chánh|thường trực|địa phương|"
    r"ngành(?!,?\s+lĩnh vực)|bộ, ngành|sở, ngành|lực lượng|hộ gia đình|"
    r"bch|bchqs|ubkt|công đoàn|đội|quỹ|chính quyền|cấp ủy|cấp uỷ|hiệp hội|"
    r"cơ sở(?!\s+(?:dữ liệu|vật chất|hạ tầng|pháp lý|khoa học))|chi nhánh|cảng vụ)\b",
    re.IGNORECASE)

# The verb that opens a body's work ("Bộ Tài chính chủ trì …", "UBND các tỉnh tiếp tục …").
# Case-sensitive and lower case on purpose: a body's own name is capitalised ("Sở Xây dựng",
# "Ban Quản lý …"), so its words are never taken for the verb.
WORK_VERB = re.compile(
    rf"\s(?:{RECURRING}|chủ trì|chủ động|có trách nhiệm|chịu trách nhiệm|căn cứ|phối hợp|"
    r"tham mưu|"
    r"chỉ đạo|tổ chức(?!\s+(?:chính trị|xã hội|tín dụng|thành viên|đoàn thể|quốc tế|khác))|"
    r"thường xuyên|tăng cường|phát huy|khẩn trương|bàn giao|chuyển giao|"
    # "Ban Quản lý dự án đầu tư xây dựng xã bàn giao …": "đầu tư xây dựng" names a body
    r"(?<!đầu tư\s)xây dựng|"
    r"cụ thể ho[áa]|theo dõi|"
    r"hướng dẫn|triển khai|bám sát|tuyên truyền|vận động|giám sát|kiểm tra|lãnh đạo|"
    r"tham gia|tiếp tục|nghiên cứu|rà soát|trực tiếp|tập trung|quán triệt|thực hiện|"
    r"tổng hợp|ban hành|huy động|duy trì|bố trí|đánh giá|đề xuất|báo cáo|gửi|"
    # "trình UBND tỉnh", never "quá trình", "chương trình", "trình độ"
    rf"trình(?=\s+(?:{CAPITAL}|cấp\b))|"
    r"xuất cấp|nắm|đẩy mạnh|bảo đảm|đảm bảo|quan tâm|ưu tiên|cung cấp|cập nhật|phổ biến|"
    r"đôn đốc|giúp(?!\s+việc)|lồng ghép|sử dụng|khôi phục|hoàn thành|hoàn thiện|thẩm định|tiến hành|"
    r"điều phối|dành|thành lập|kiện toàn|tiếp nhận|chuẩn bị|xem xét|lập|"
    r"làm(?=\s+(?:việc|đầu mối|tốt|rõ))|là (?:cơ quan|đầu mối)|"
    r"theo (?:chức năng|nhiệm vụ|thẩm quyền|phạm vi)|trong phạm vi|"
    r"đã|sẽ|cần|phải|được)(?!\w)")
# Words between the body and its verb that make the sentence a report of the past, not work
# to do ("Chính phủ, Thủ tướng Chính phủ đã tập trung chỉ đạo …")
NOT_WORK_VERB = re.compile(r"^\s(?:đã|được)\b")
# "Các cơ quan, đơn vị được giao chủ trì có trách nhiệm …": "được giao" describes the body
PARTICIPLE = re.compile(r"^\sđược\s+(?:giao|phân công)\b")
# "Doanh nghiệp công nghệ số là lực lượng tiên phong …", "Chuyển đổi AI là quá trình …": what
# something is, not work given to it
DEFINITION = gated(re.compile(rf"^[{CAPITALS}][^,.;:]{{2,80}}?\slà\s(?!cơ quan|đầu mối)"))
# Before the body: who asks ("Chính phủ trân trọng đề nghị …", "Đề nghị …", "Giao cho …"),
# or who gives the work ("Đảng ủy giao Đảng ủy UBND xã …", "UBND xã giao các thôn …": the
# body given it comes next, a name or "các …"; "giao" of "bàn giao", "chuyển giao", "được
# giao", "giao thông" is no giving)
# or an opening phrase ("Trên cơ sở nội dung Kế hoạch, các sở …", "Căn cứ nội dung …, các bộ …")
ASKED = gated(re.compile(rf"^(?:(?:[{CAPITALS}][^,.;:]{{0,40}}?\s)?(?:trân trọng\s+)?(?:đề nghị|Đề nghị)|"
                         rf"[{CAPITALS}][^,.;:]{{0,40}}?(?<!\sbàn)(?<!\schuyển)(?<!\sđược)(?<!\snhận)"
                         rf"\sgiao(?:\s+cho)?(?=\s+(?:[{CAPITALS}]|các\s))|"
                         r"(?:Giao|giao)(?:\s+cho)?|(?:Yêu cầu))\s+"))
# (or a time: "Trước ngày 15/3/2027, các thôn …", "Trong tháng 5/2027, Công an xã …")
# Work that gives itself to a body after a comma: "Tập trung phát triển nông nghiệp …, giao Đảng
# ủy UBND xã lãnh đạo xây dựng kế hoạch cụ thể, hoàn thành trong Quý I/2027"
GIVEN_AFTER_COMMA = gated(re.compile(rf"[,;]\s*giao(?:\s+cho)?\s+(?P<rest>[{CAPITALS}].+)$", re.DOTALL))
# A person who directs a body's work: "Đồng chí Phó Chủ tịch UBND xã (phụ trách …) chỉ đạo
# Phòng Kinh tế xây dựng …" -> the person steers (leader), the body directed leads
PERSON_DIRECTS = gated(re.compile(r"^(?P<person>Đồng chí\s[^;:.]{3,100}?)\s+(?:trực tiếp\s+)?"
                                  r"chỉ đạo\s+(?P<rest>.+)$", re.DOTALL))
OPENING = re.compile(r"^(?:(?:Trên cơ sở|Căn cứ|Để|Nhằm)[^,;.]{0,160}|"
                     r"(?:Trước|Chậm nhất|Trong|Từ|Đến|Sau|Định kỳ|Hằng|Hàng)\s[^,;]{0,40}?"
                     r"(?:\d|quý|tháng|năm)[^,;]{0,30}),\s*")
# A body heading: "Trách nhiệm của đối tượng thực hiện kiểm kê", "Nhiệm vụ của Sở Y tế"
DUTY_OF = re.compile(r"^(?:trách nhiệm|nhiệm vụ)(?:\s+cụ thể)?\s+của\s+", re.IGNORECASE)
# Paragraphs that are not work given to a body though they may name one: enforcement clauses
# ("… chịu trách nhiệm thi hành Quyết định này"), conditionals ("Trường hợp …", "nếu có khó khăn,
# vướng mắc"), permissions and encouragements ("Được phép …", "Khuyến khích …"), and generic
# rules for whoever is assigned ("Các cơ quan được phân công chủ trì … có trách nhiệm …").
# Matched at the paragraph's start (NOT_DUTY_START) or searched anywhere in it (NOT_DUTY),
# kept apart so the search can skip to the letters its phrases start with.
NOT_DUTY_START = re.compile(r"(?:Trường hợp|Nếu|Trong quá trình|Được phép|Khuyến khích|"
                            r"Nơi nhận|Kinh phí)\b|"
                            r"(?:Căn cứ|Thực hiện)\s+(?:Hiến pháp|Bộ luật|Luật|Nghị định|Nghị quyết|"
                            r"Quyết định|Chỉ thị|Thông tư|Kết luận|Kế hoạch|Công văn|Văn bản|"
                            r"Chương trình)\b|"
                            r"(?:Theo|Xét) đề nghị\b|"  # the preamble's bases
                            # "Việc giảm lãi suất … áp dụng đối với …": a rule, not a duty
                            r"Việc\s|"
                            # a target stated in a body's duties ("Phấn đấu tỷ trọng … đạt tối
                            # thiểu 30%")
                            r"Phấn đấu\b[^.;]*\b(?:đạt|tối thiểu|ít nhất|trên|từ)\s+\d")
NOT_DUTY = gated(re.compile(r"thi hành (?:[Qq]uyết định|[Nn]ghị quyết|[Cc]hỉ thị|[Tt]hông tư) này|"
                            r"n(?<!\wn)ếu có (?:khó khăn|vướng mắc)|"  # "nếu" starting a word
                            # the document presenting itself: "UBND tỉnh ban hành Kế hoạch … như sau:"
                            r"ban hành (?:Kế hoạch|Chương trình|Quyết định|Nghị quyết|Đề án)[^.;]*"
                            r"(?:như sau|với (?:những|các) nội dung|gồm các nội dung)"))
# Sections that state aims and principles, not duties: "I. MỤC ĐÍCH, YÊU CẦU", "Quan điểm",
# "Nguyên tắc", "Đối tượng, phạm vi" ("Người đứng đầu … được giao nhiệm vụ chủ động …" there is
# a requirement on everyone, not work given to a body)
# and the award rules of an emulation plan ("Tiêu chuẩn khen thưởng", "Hình thức khen thưởng");
# a general aim ("1. Mục tiêu tổng quát", "Mục tiêu chung") even inside a section of aims
PRINCIPLES = re.compile(r"^(?:mục đích|yêu cầu|quan điểm|nguyên tắc|đối tượng|phạm vi|"
                        r"mục tiêu (?:chung|tổng quát)|"
                        r"căn cứ|sự cần thiết|tình hình|kết quả|tiêu chuẩn|tiêu chí|"
                        r"hình thức khen|khen thưởng|số lượng(?: đề nghị)? khen|cơ cấu)", re.IGNORECASE)
# What a body is in the plan, not work: "Sở Khoa học và Công nghệ là cơ quan thường trực, …",
# "Là cơ quan đầu mối chủ trì tổ chức thực hiện …"
ROLE_STATEMENT = gated(re.compile(r"^(?:[^,.;:]{0,80}\s)?[Ll]à cơ quan (?:đầu mối|thường trực)"))
# A lead-in that gives a body targets, not duties: "Giao cho Ban Xây dựng Đảng chủ trì … tổ
# chức triển khai, thực hiện các chỉ tiêu sau:" — its items are targets (the targets stage
# reads them and their lead)
TARGETS_LEAD_IN = re.compile(r"(?:chỉ tiêu|mục tiêu)[^.;:]{0,40}:?\s*$", re.IGNORECASE)
# A lead-in under a body that only names its partners: "Chủ trì, phối hợp với các sở, ngành …:"
PARTNERS_LEAD_IN = re.compile(r"^(?:Chủ trì|Phối hợp)\b")
# A funding section ("IV. KINH PHÍ THỰC HIỆN", "Nguồn vốn"): its rules for every body
# ("Các sở, ngành … có trách nhiệm bố trí kinh phí", "Doanh nghiệp … bố trí nguồn lực") are
# not duties; a named body's funding work is ("Bộ Tài chính chủ trì tổng hợp …").
FUNDING = re.compile(r"^(?:kinh phí|nguồn (?:vốn|kinh phí|lực))", re.IGNORECASE)
GENERIC_BODY = re.compile(r"^(?:các|mỗi|từng|doanh nghiệp)\b", re.IGNORECASE)
# Heads that name a topic as often as a body, so a heading made of them is no body's duties
# ("9. Doanh nghiệp số", "Đối tượng thi đua"); in the plural they are bodies ("18. Các doanh
# nghiệp công nghệ số")
TOPIC_HEAD = re.compile(r"^(?:doanh nghiệp|tập đoàn|tổng công ty|công ty|hợp tác xã|"
                        r"địa phương|ngành|lực lượng|đối tượng|hộ gia đình|tỉnh|thành phố|quỹ|"
                        r"chính quyền)\b", re.IGNORECASE)
# After "X:" the duty starts with a verb in lower case ("Sở Xây dựng: hướng dẫn …"); a quota
# or a count ("Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân") is no duty.
AFTER_COLON_DUTY = re.compile(rf"^\s*[{SMALLS}]")  # or a work verb: "X: Căn cứ chức năng …"
# "phối hợp (chặt chẽ) (với) Y, Z …": the co-agencies named in a duty (the word boundary
# looked for after the first letter, as in MONTH)
CO_WITH = gated(re.compile(r"[Pp](?<!\w[Pp])hối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+"))
# Abbreviations that make a piece of a list a body of its own ("đại biểu HĐND xã")
BODY_ABBREVIATION = re.compile(r"\b(?:HĐND|UBND|MTTQ)\b")
# A paragraph that only names the time of the work above it, or another part of its block
# A clause that is only a role and its value: "…; thời gian: trước ngày 20/12/2027"
ROLE_CLAUSE = re.compile(r"^\s*(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì|phối hợp|thời gian|thời hạn)\s*:",
                         re.IGNORECASE)
TIME_ROLE = re.compile(r"^(?:thời gian|thời hạn|tiến độ)", re.IGNORECASE)
CONTENT_LINE = re.compile(r"^(?:Nội dung|Sản phẩm|Kết quả|Mục tiêu)\s*:", re.IGNORECASE)
# "Từ tháng 11/2025 đến khi kết thúc …": an open period; the end decides the date
PERIOD_END = re.compile(r"\bđến(?:\s+hết)?\s+(?P<end>.+)$", re.IGNORECASE)
# Where a document's body ends: closing lines, the list of recipients
CLOSING = re.compile(r"^(?:Nơi nhận|Trên đây là|TM\.|T/M|KT\.|TL\.)", re.IGNORECASE)
# The same inside a paragraph a PDF export joined: "… thực hiện./. Nơi nhận: - …"
CLOSING_INSIDE = re.compile(r"(?:^|[.:]\s|/\.\s*)(?:Nơi nhận|Trên đây là)\b")

# A leader named beside the body, kept apart from it: "UBND xã (đồng chí Nguyễn Văn A, Phó Chủ
# tịch UBND xã phụ trách)", "Phòng Kinh tế, đồng chí Phó Chủ tịch UBND xã phụ trách khối kinh tế
# chỉ đạo"
LEADER = gated(re.compile(r"[\s,;(–-]*\b(?:[Đđ]ồng chí|[Đđ]/[Cc])\s+(?P<leader>[^;.()]{3,100}?)"
                          r"(?:\s+(?:phụ trách|trực tiếp chỉ đạo)(?:\s+[^;.()]{0,40}?)?)?(?=\)|;|\.|$|"
                          r"\s+(?:chỉ đạo|chủ trì|phụ trách)\b)"))

# A list of aims with a horizon ("2. Mục tiêu cụ thể đến năm 2030", "2.2. Định hướng đến năm
# 2035"); a general aim ("Mục tiêu chung", "Mục tiêu tổng quát") holds no work items
AIMS = re.compile(r"^(?:mục tiêu|định hướng)(?!\s+(?:chung|tổng quát))", re.IGNORECASE)
AIM_YEAR = re.compile(r"năm\s+(?P<y>20\d{2})")
# A sentence ending inside a paragraph: an aim of several sentences ("Xây dựng hệ thống giáo
# dục …. Hình thành môi trường …. Nâng cao dân trí …") describes, it lists no one work item
INNER_SENTENCE_END = re.compile(rf"\.\s+[{CAPITALS}]")
# A body's name ends no sentence: a word in small letters, a full stop and a capital ("… dữ liệu
# về dịch vụ công. Tăng cường …") is two sentences, where "UBND TP. Hồ Chí Minh" is one name
SENTENCE_IN_NAME = re.compile(rf"[{SMALLS}]{{2}}\.\s+[{CAPITALS}]")
# An aim led by a verb of doing with no number is work to finish by the horizon, a task with
# no lead yet ("Hoàn thiện cơ sở dữ liệu tập trung về hạ tầng giao thông …"); with a number it
# is a target ("Hình thành ít nhất 02 vùng …")
AIM_WORK = re.compile(r"^(?:hoàn thiện|hoàn thành|xây dựng|triển khai|thí điểm|ứng dụng|vận hành|"
                      r"hình thành|số hó?a|số hoá|ban hành|thành lập|kết nối|tích hợp)\b",
                      re.IGNORECASE)

# A parenthesis dropped from a body's name, but not a leader's: "Phòng Kinh tế (chủ trì)",
# kept "(đồng chí Phó Chủ tịch UBND xã)", "(đ/c Hùng)"
PARENTHESIS = re.compile(r"\s*\((?![^)]*(?:[Đđ]ồng chí|[Đđ]/[Cc]))[^)]*\)?")
# Between the bodies of a list: "Phòng Kinh tế, Công an xã; Hội Nông dân và Đoàn Thanh niên"
PIECES = re.compile(r",|;|\svà\s")
PIECES_KEPT = re.compile(r"(,\s*|;\s*|\svà\s)")  # the same, the separators kept
# A due cell that is only years: "2026", "năm 2026", "2026 - 2027", "Năm 2026 - năm 2030"
YEARS = re.compile(r"^(?:năm\s+)?(20\d{2})(?:\s*[-–]\s*(?:năm\s+)?(20\d{2}))?$", re.IGNORECASE)
# A due cell's range, cut before its end: "Quý I - Quý III/2026", "từ tháng 3 đến tháng 6/2026"
RANGE_CUT = re.compile(r"\s*(?:[-–]|đến)\s*(?=(?:[Qq]uý|[Tt]háng|[Nn]ăm|20\d{2}|ngày|"
                       r"\d{1,2}/20\d{2}))")
# A due cell that is a month and year only: "6/2026"
SHORT_MONTH = re.compile(r"^\d{1,2}/20\d{2}$")

# A heading that is only a period, under which a work programme lists the work that falls in
# it: "Quý I năm 2027", "QUÝ II/2027", "Tháng 9 năm 2027", "Tháng 12/2027", "6 tháng cuối năm
# 2027"
PERIOD_TITLE = re.compile(r"^(?:trong\s+)?(?:quý\s+[IV]{1,3}|tháng\s+\d{1,2}|6 tháng (?:đầu|cuối)"
                          r"(?:\s+năm)?)(?:\s*(?:năm\s+|/\s*)20\d{2})?\s*:?$", re.IGNORECASE)
# A line that may be only a period: short, "quý" or "tháng" after at most a label and "trong"
PERIOD_LINE = line_rule(re.compile(r"^[^\S\n]*((?=\S)[^\n]{0,16}?(?:quý|tháng)[^\n]{0,48}?)"
                                   r"[^\S\n]*$", re.IGNORECASE | re.MULTILINE))
