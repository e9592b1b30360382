"""The wordings of a reform plan, as data: every entry quotes the phrasing it reads.

The shape functions (`transfers`, `bodies`, `tasks`) compile these tables once; nothing in them
names a real body: the examples are written for a fictional 青禾县 and a fictional ministry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CN = "一二三四五六七八九十百零〇两"


@dataclass(frozen=True)
class Verb:
    """One wording of an event verb (or cue): a regex alternative and the phrasing it is for."""

    pattern: str
    example: str


def alternation(verbs: Iterable[Verb]) -> str:
    return "|".join(f"(?:{v.pattern})" for v in verbs)


# --- transfers ----------------------------------------------------------------------------------

# Adverbs that may stand before a transfer verb; they belong to the verb, not to the duty.
TRANSFER_ADVERBS: tuple[Verb, ...] = (
    Verb("一并|统一|整体|全部|相应|分别|按领域分别|按职责分别|按程序", "……投资者保护工作，一并交给县金融工作局"),
    # 调整 before a verb is how the duty moves, not part of it (a carried-over clause often has it)
    Verb("调整(?=划入|划归|划给|划转|移交|交由|改由|由)",
         "将县甲局的X职责划入县乙局，Y职责调整划入县丙局 / 县甲局承担的X职责，调整由县乙局承担"),
)
# Verbs after a source list (将 A 的 X 职责 …) that name the receiving department right after them.
TRANSFER_VERBS: tuple[Verb, ...] = (
    Verb("整合划入|划入", "将县档案局的行政职能划入县委办公室 / 县人防办的职责整体划入县住建局"),
    Verb("划给|划归", "将县民政局的救灾职责划给县应急管理局 / 统一划归县应急管理局"),
    Verb("划转至|划转到|划转给|划转", "将县国土资源局的地质灾害防治职责划转至县应急管理局"),
    Verb("移交至|移交到|移交给|移交", "将县林业局的森林防火职责移交县应急管理局"),
    Verb("调整到|调整至|调整给", "将县住房和城乡建设局的城市公共交通管理职责调整到县交通运输局"),
    Verb("整合到|整合至|整合进|归并到|归并至|并入|转入", "将县档案局并入县委办公室 / 县甲局的职责整体转入该局"),
    Verb("交由|改由|转由|交给|转交", "将县扶贫移民开发局的水库移民管理职责交由县水利局承担"),
    # only with 承担/负责/行使/履行/承接 closing the clause: 由 alone also starts 由县委组织部统一管理
    Verb("由(?=[^，,；;]*?(?:承担|负责|行使|履行|承接|接收|接管|接手)$)",
         "县老龄工作委员会的日常工作由县卫生健康局承担 / 县甲局的职责由县乙局整体承接"
         " / 县甲局的X职责由县乙局接收 / ……，由县乙局接管"),
)
# Verbs that close a source list whose receiver is created next (or named right after them).
MERGE_VERBS: tuple[Verb, ...] = (
    Verb("(?:进行)?整合(?=$|[，,]|(?:重新|新)?(?:组建|设立|成立|组成)|为|成)",
         "将县国土资源局的职责，县水利局的水资源调查和确权登记管理职责整合，组建县自然资源局"
         " / ……等进行整合，新组建省自然资源厅"),
    Verb("(?:进行)?合并(?=$|[，,]|(?:重新|新)?(?:组建|设立|成立|组成)|为|成)",
         "将县人事局、县劳动和社会保障局合并，组建县人力资源和社会保障局"),
)
# What follows 整合/合并 (in the same or the next clause) when the receiver is new.
MERGE_CREATES: tuple[Verb, ...] = (
    Verb("(?:重新|新)?(?:组建|设立|成立|组成|新设)(?:为)?",
         "……整合，重新组建县司法局 / 县甲小组、县乙小组合并设立为县丙小组"),
    Verb("为|成", "将县A局、县B局整合为县C局"),
)
# Between a source department and its duty. The optional parts come in this order: a count of
# the bodies, a quantifier, a time word, a verb of holding, 的.
SOURCE_CONNECTOR: tuple[Verb, ...] = (
    Verb(rf"(?:等(?:部门|单位|机构))?(?:[{CN}\d]+个(?:部门|单位|机构)?)?",
         "县甲局、县乙局等部门分别承担的 / 三个机构的"),
    Verb("(?:各自|分别|原来|原先|目前|现在|原|现)?", "县甲局原来负责的 / 县乙局各自承担的"),
    Verb("所属(?:的)?|(?:所)?(?:承担|负责|履行|行使|管理|主管|具有|有关|下放)?的",
         "县民政局的救灾职责 / 县人民政府办公室承担的应急管理职责 / 县甲局有关的职责 / 县乙局下放的X职责"
         " / 整合县甲局所属执法机构和执法职责"),
)
# Words a duty's wording ends with that name the kind of work (管理, 查处, 许可 …). A list of matters
# before one of them shares it: X和Y管理 is X管理 and Y管理 (`sources.shared_tail`). Longest first.
DUTY_HEADS: tuple[Verb, ...] = (
    Verb("监督管理|行政执法|经营许可|党建工作|管理|监管|执法|查处|许可|审批|登记|备案|监督|检查|监测|认定|救助|"
         "党建|保险|补贴|规划|统计|服务|调查|治理|建设|保护|防治|推广|整治|利用|开发|评价|普查|征集|改革|发展",
         "县甲局的市政公用设施和园林绿化管理职责 → 市政公用设施管理、园林绿化管理"
         " / 城镇职工和城乡居民基本医疗保险 → 城镇职工基本医疗保险、城乡居民基本医疗保险"
         " / 指导混合所有制企业、非公有制企业和新社会组织党建工作 → 每一项各是党建工作"),
)
# A body with a unit named before its duty: 县委宣传部新闻科的职责 (the unit's duty only).
UNIT_OF_BODY = r"[\u4e00-\u9fff]{1,10}?(?:科|股|室|处|所|站|队)的"

# A source list opened by who held the duty: 原由县甲局承担的X职责，改由县乙局承担.
SOURCE_OPENERS: tuple[Verb, ...] = (
    Verb(r"^(?:原由|原来由|原先由|现由|目前由)(?=[县市区省州旗中国])", "原由县教育局承担的X职责，改由县委宣传部承担"),
)
# A count of the bodies closing a list of sources (no 的 after it): 县甲馆、县乙馆3个事业单位整合为…
BODY_COUNT_AFTER = rf"(?:等)?[{CN}\d]+个(?:事业单位|行政机构|部门|单位|机构)$"
# A receiver written as new (……划入新组建的县乙局): the plan creates it there.
NEW_RECEIVER = r"^(?:新组建的|新设立的|新成立的)"
# A receiver named with the body it belongs to (……划入县甲局所属的县乙中心): the unit after it receives.
RECEIVER_OF_BODY = r"^(?:所属|下属)(?:的)?"

# Words after a receiver list that close it (……分别划归县甲局、县乙局等部门承担).
RECEIVER_LIST_TAIL = r"(?:等(?:部门|单位|机构))?(?:承担|负责|管理|接收|接管|承接|行使|履行)?$"
# 分别 before the verb pairs the items of one duty list with the receivers, in order, when they
# are as many: X、Y职责，分别划归县甲局、县乙局 (X to 甲, Y to 乙); otherwise each receiver gets
# the whole duty (行业安全生产监管职责，按领域分别移交县甲局、县乙局).
RESPECTIVELY = r"分别"

# A decision that opens the event it decides (a 编委 meeting's minutes, a 批复, a work report): the
# event is the words after it. A proposal (拟研究将…, 建议…) is no decision and opens nothing.
DECISIONS: tuple[Verb, ...] = (
    Verb("(?:会议|本次会议|编委会议|经研究|研究)?(?:原则)?(?:同意|决定)",
         "同意将县甲局承担的X职责划入县乙中心 / 同意县丙中心加挂县丁中心牌子 / 会议同意撤销县丁站"),
    # 会议明确，X由B负责，A不再承担: what follows is the decision (a clause of its own when a comma follows)
    Verb("(?:会议|本次会议|编委会议)明确", "会议明确，X工作由县乙局负责，县甲局不再承担"),
)

# The duty first, its new holder, and the old holder giving it up in the next clause (a 编委
# decision): X由B负责，A不再承担 → A's X goes to B. Each entry names its own groups.
HANDED_OVER: tuple[Verb, ...] = (
    Verb(r"^(?:明确)?(?P<duty>[^，,；;]{2,60}?)(?:统一|改|今后)?由(?P<recv>[^，,；;]{2,40}?)(?:统一|牵头)?(?:负责|承担|履行)$",
         "全县农村供水工程运行管护工作由县乙局负责"),
    Verb(r"^(?:明确)?由(?P<recv>[^，,；;]{2,40}?)(?:统一|牵头)?(?:负责|承担|履行)(?P<duty>[^，,；;]{2,60}?)$",
         "明确由县乙局负责全县农村供水工程运行管护"),
)
GIVEN_UP: tuple[Verb, ...] = (
    Verb(r"^(?P<src>[^，,；;]{2,40}?)(?:不再承担|不再负责|不再履行)(?:该项|此项|上述|相关|有关)?(?:职责|工作|职能)?$",
         "……，县甲局不再承担 / 县甲局不再负责此项工作"),
)
# The same the other way round: A 不再承担 X，改由 B 负责.
GIVEN_UP_FIRST: tuple[Verb, ...] = (
    Verb(r"^(?P<src>[^，,；;]{2,40}?)不再(?:承担|负责|履行)(?P<duty>[^，,；;]{2,60}?)$", "县甲局不再承担X工作"),
)
TAKEN_OVER: tuple[Verb, ...] = (
    Verb(r"^(?:改由|转由|交由|统一由)(?P<recv>[^，,；;]{2,40}?)(?:统一|牵头)?(?:负责|承担|履行)$",
         "……，改由县乙局负责"),
)

# --- a receiver given before its sources -------------------------------------------------------

# A colon opens the list of sources of one receiver (in the same sentence or in numbered
# sub-items below it). Group `recv` is the receiver (该局: the body the item is about), `base`
# a body merged whole before the list.
LIST_OPENERS: tuple[Verb, ...] = (
    Verb(r"(?P<recv>[^，,；;：:]{2,40}?)的(?:主要)?职责由(?:以下|下列)(?:几|[一二三四五六七八九十\d]+)?(?:个)?(?:部分|方面)(?:组成|构成)",
         "县应急管理局的职责由以下部分组成：县安全生产监督管理局的职责，县民政局的救灾职责"),
    Verb(r"(?:以下|下列)(?:职责|职能|事项)(?:整体|一并|统一)?(?:转入|划入|并入|划归|划转至|交由|移交|整合划入|整合到)"
         r"(?P<recv>[^，,；;：:]{2,40}?)(?:承担|负责)?",
         "以下职责转入国家数据署：1．甲部原来负责的……"),
    Verb(r"(?:划入|转入|并入|整合到)(?P<recv>[^，,；;：:的]{2,40}?)的(?:主要)?(?:职责|职能)(?:主要)?(?:包括|有|是|为)",
         "划入该局的职责包括：县甲局的X职责，县乙局的Y职责"),
    Verb(r"将(?P<base>[^，,；;：:]{2,40}?)的(?:全部)?职责与(?:以下|下列)(?:职责|职能)(?:整合)?(?:划入|并入|转入|组建)"
         r"(?P<recv>[^，,；;：:]{2,40}?)",
         "将县甲局的职责与下列职责整合划入县丙局：县乙局的X职责，县丁局的Y职责"),
    Verb(r"(?:以(?P<base>[^，,；;：:]{2,40}?)的(?:全部)?职责为基础[，,]?)?(?:再|并|同时)?整合(?:以下|下列)(?:职责|职能)",
         "以县甲局的全部职责为基础，再整合以下职责：县乙局的X职责；县丙局的Y职责"),
)
# 以 A 为基础 …: A is merged whole into the body created at the end of the sentence.
BASE: tuple[Verb, ...] = (
    Verb(r"^以(?P<base>[^，,；;（(]{2,40}?)(?:的(?:全部)?职责)?为基础(?P<exc>[（(][^）)]*?除外[）)])?",
         "以县国土资源局为基础（地质勘查职责除外），整合……，组建县自然资源局 / 以国家甲委为基础组建国家乙署"),
)
# 整合 before its sources: 整合县甲局的职责和县乙局的X职责，组建县丙局.
MERGE_FIRST: tuple[Verb, ...] = (
    Verb(r"^(?:再|并|同时|进一步)?整合(?!划入|到|至|进)",
         "整合县农业局的职责和县财政局的农业开发职责，组建县农业农村局"),
)
# 从 A 划出 X: the source first, then the duty, then where it goes (next clause).
CARVE_OUT: tuple[Verb, ...] = (
    Verb(r"^从(?P<src>[^，,；;]{2,40}?)(?:划出|剥离|分离出|调出)(?P<duty>[^，,；;]+?)(?=$|(?:划入|划归|移交|交由|组建|整合))",
         "从县文广局划出新闻出版、电影管理职责，划入县委宣传部 / 从县甲局划出X、Y两项职责，组建县乙局"),
)
# The duty first, then 由/从 the source and the verb: X职责，由A移交B / X职责从A移交B.
DUTY_FIRST: tuple[Verb, ...] = (
    Verb(r"(?P<how>由|从)(?P<src>[^，,；;]{2,40}?)(?:按领域|按职责|按业务)?(?:分别|一并|整体|全部)?"
         r"(?P<verb>移交|划入|划归|划转至|划转到|划转|交给|转交|调整到|调整至|转入|交由)(?P<dst>[^，,；;]+?)"
         r"(?:等(?:部门|单位))?(?:负责|承担|管理)?$",
         "科技兴农规划职责，由甲部移交乙部 / 企业债券审核职责从国家甲委移交乙会"
         " / 由甲部按领域分别移交乙部、丙部等部门"),
)
# A body's duties listed without a receiver: the inventory a partial transfer takes from.
INVENTORY: tuple[Verb, ...] = (
    Verb(rf"^(?P<src>[^，,；;]{{2,40}}?)(?:[（(][^）)]*[）)])?(?:原|现|目前|原来|原先)(?:承担|负责|履行)(?:的)?"
         rf"(?P<duties>.+?)(?:等)?(?:[{CN}\d]+项)?(?:职责|职能|工作)$",
         "县甲局原承担X和Y两项职责 / 县粮食局现承担粮食收购监督、储备粮轮换管理等职责"),
)
# A subject before 将: the body the sources go to.
SUBJECT_BEFORE_将: tuple[Verb, ...] = (
    Verb(r"^(?:(?P<new>新组建的|新设立的|新成立的|组建后的)|重新组建的|重组后的)?(?P<subj>[^，,；;将]{2,40}?)将",
         "新组建的县市场监督管理局将县工商局、县质监局的职责整合（new: the subject is created here）"),
)

# The receiver first, then a verb of taking over and the sources: D 承接 A 的 X 职责.
RECEIVER_TAKES: tuple[Verb, ...] = (
    Verb(r"^(?P<new>新组建的|新设立的|新成立的|组建后的)?(?P<recv>[^，,；;]{2,40}?)(?P<whole>整体|全部|一并)?"
         r"(?:承接|接收|接管|接手|整合了)(?P<rest>[^，,；;]+)$",
         "县商务局承接县甲局的商贸管理职责 / 县乙局整体承接县丙局的职责 / 镇执法队承接县丁局下放的X职责"
         " / 新组建的县乙局整合了县甲局的全部职责以及县丙局的Y职责（a news report; new: created here）"),
)
# Bodies a clause has just abolished, merged by the next clause of the same sentence.
MERGE_ABOLISHED: tuple[Verb, ...] = (
    Verb(r"^(?:整合|合并)(?:后)?(?:重新|新)?(?:组建|设立|成立|组成|为|成)",
         "县甲局、县乙局撤销，整合组建县丙局 / 撤销县甲局、县乙局，合并设立县丙局"),
)

# --- bodies -------------------------------------------------------------------------------------

CREATE_VERBS: tuple[Verb, ...] = (
    Verb("重新组建|新组建|组建", "组建县自然资源局 / 重新组建县司法局"),
    Verb("新设立|单独设立|单独设置|设立|新设", "设立县政务服务中心"),
    Verb("新成立|成立", "成立县委全面依法治县委员会"),
)
# The body named before the verb, in a report of what was done: 县退役军人事务局正式组建.
CREATE_AFTER: tuple[Verb, ...] = (
    Verb(r"^(?P<name>[^，,；;]+?)(?:正式|已经|已|依法)?(?:组建|成立|挂牌成立|设立)(?:到位|完成)?$",
         "县退役军人事务局正式组建 / 县医疗保障局挂牌成立"),
)
ABOLISH_VERBS: tuple[Verb, ...] = (
    Verb("不再保留|不再设立|不再单设|不再单独设立|不再单独设置", "不再保留县国土资源局、县林业局"),
    Verb("予以撤销|撤销|撤消|撤并", "撤销县经济委员会 / 撤消部门：区经济委员会、区人事局"),
)
# The same verbs after the list: 原有的区农业办公室、区物价局2个部门管理机构不再保留.
ABOLISH_AFTER: tuple[Verb, ...] = (
    Verb("不再保留|不再设立|不再单独设置|不再单独设立|不再单设|予以撤销|撤销|撤消",
         "区农业办公室、区物价局2个部门管理机构不再保留 / 国家甲局不再单独设置"),
    Verb("不再作为[^，,；;]{2,30}?单独设置", "县信访局不再作为县人民政府工作部门单独设置"),
)
# What may follow the bodies a verb abolishes: 撤销县甲站建制 ends the body 县甲站.
ABOLISH_OBJECT_TAIL = Verb(r"(?:的)?(?:机构)?建制$", "撤销县甲站建制，其承担的X职责并入县乙局")
# Adverbs between a body and the verb that ends it: 县甲局同时撤销.
ABOLISH_AFTER_ADVERBS = Verb("同时|随之|相应|也|一并", "县乙局组建后，县甲局同时撤销")
# What may follow those verbs when the clause goes on to what became of the duties (……撤销后，其职责并入…).
ABOLISH_AFTER_TAIL = r"(?:后|之后)?$"
# The bodies just merged, named again by a word that points back (or at the table): they end.
ABOLISH_REFERRED: tuple[Verb, ...] = (
    Verb(r"(?P<ref>上述|以上|前述|表中所列|下表所列|表中)[^，,；;：:]{0,12}?(?:单位|部门|机构)"
         r"(?:均|一律|全部|同时)?(?:不再保留|予以撤销|撤销|不再单独设置)",
         "整合县甲站、县乙站，组建县丙中心。上述2个单位不再保留 / 表中所列整合的单位均予以撤销"),
)
PLAQUE_VERBS: tuple[Verb, ...] = (
    Verb("继续加挂|对外加挂|对外保留|对外挂|同时挂|加挂|增挂|挂|保留",
         "县自然资源局加挂县林业局牌子 / 县农业农村局对外保留县畜牧兽医局牌子 / 区农牧局挂区兽医局牌子"),
)
RENAME_VERBS: tuple[Verb, ...] = (
    Verb("更名为|改名为|名称变更为|名称调整为|更名|改称为|改称", "县经济和信息化局更名为县工业和信息化局"),
)
COLOCATE_VERBS: tuple[Verb, ...] = (
    Verb("(?:实行)?合署办公", "县委老干部局与县委组织部合署办公"),
)
TYPE_CHANGE_VERBS: tuple[Verb, ...] = (
    Verb("调整为|改为|转为|变更为|改设为|转设为", "将县政务服务中心由县人民政府直属事业单位调整为县人民政府工作部门"),
)
# A body that was a plaque (or part of another body) set up on its own: it is created here.
SEPARATES: tuple[Verb, ...] = (
    Verb(r"^(?:将)?(?P<a>[^，,；;由]+?)由(?:在)?(?P<host>[^，,；;]+?)(?:加挂(?:的)?牌子|挂牌|内设机构)?"
         r"(?:调整为|改为|转为)(?:单独设置|独立设置|单设|单独设立|独立设立)$",
         "县林业局由在县自然资源局加挂牌子调整为单独设置 / 县档案馆由县委办公室内设机构调整为单独设置"),
)
# What a type-change subject may add to the body's name: 国家甲会的性质由……改为…….
TYPE_SUBJECT_TAIL = re.compile(r"的(?:机构)?(?:性质|类型|机构类别|隶属关系)$")

# --- what is not an event -----------------------------------------------------------------------

# A clause that says something may, must not, or will be done, restates a rule, or states who
# manages a body: no event, and no warning, whatever verbs it holds.
NON_EVENTS: tuple[Verb, ...] = (
    Verb(r"不得|严禁|禁止|不准|不宜", "乡镇不得设立县市场监督管理局的派出机构"),
    Verb(r"^(?:[^，,；;]{0,20}?)(?<![许认])(?:可以|可|可根据)[^，,；;]{0,12}?(?:设立|设置|组建|加挂|挂|成立|划入|合署)",
         "各乡镇可以设立综合执法队 / 确有需要的可加挂牌子 / 乡镇可以结合实际设立便民服务中心"
         "（许可, 认可 are nouns: 将县甲局的兽药经营许可职责划入县乙局 is a transfer）"),
    Verb(r"(?:人员编制|编制|人员)(?:和领导职数)?(?:将|均|也|要)?(?:相应|一并)?随(?:职责|职能|机构)(?:一并|相应)?(?:划转|调整|划入)",
         "涉及的人员编制随职责一并划转 / 县甲局相关人员将随职责划转到县乙局"),
    Verb(r"(?:改由|由|归口|交由)[^，,；;]{2,40}?(?:统一|直接|归口|代|负责)?(?:管理|代管|领导)$",
         "国家甲中心改由乙部管理 / 由市生态环境局直接管理 / 中国甲协会改由乙部代管"),
    Verb(r"(?:设在|改设在|设于)", "县老龄工作委员会办公室设在县卫生健康局（办事机构所在，不是职责划转）"),
    Verb(r"办事机构(?:的)?(?:职责|工作)由", "县委甲委员会的办事机构职责由县乙局承担（同上：办事机构所在）"),
)
# A sentence reporting a meeting or a vote (a news lead): it announces a plan, it is not one.
NEWS_LEADS: tuple[Verb, ...] = (
    Verb(r"(?:会议|常委会|全体会议|常务会议)[^。]{0,40}?(?:审议|表决|讨论|研究)(?:通过|了)",
         "县人大常委会会议表决通过关于机构改革的决定"),
)

# --- new tasks ----------------------------------------------------------------------------------

# A task announced with nobody named yet. A clause ending like this says the owner is to come.
TASK_PENDING: tuple[Verb, ...] = (
    Verb(r"予以明确|另行明确|另行确定|另行研究",
         "有关部门要在“三定”规定中予以明确 / 由县政府另行明确"),
)
# A clause that is a task in itself: 建立……机制, 推行……制度.
TASK_OPENERS: tuple[Verb, ...] = (
    Verb(r"^(?:积极|加快|全面|探索|逐步)?(?:建立健全|建立|健全|推行|实行|构建)(?P<what>.{4,60}?)(?:机制|制度)$",
         "建立村（社区）工作事务准入制度 / 建立热线工单派单、督办回访机制"),
    Verb(r"^(?:积极|加快|全面|探索|逐步|大力|稳步)?(?:推进|推行|开展).{4,60}?(?:机制|制度)建设$",
         "积极推进村级议事清单制度建设"),
)
TASK_WORK: tuple[Verb, ...] = (
    Verb(r"^(?:积极|加快|全面|大力)?(?:推进|开展|做好|推动|落实|加强)(?P<what>.{4,60}?)(?:工作|服务)$",
         "积极推进既有住宅加装电梯工作"),
)

# --- listings and types --------------------------------------------------------------------------

LISTING = (
    rf"(?P<owner>[^，,；;：:]{{0,14}}?)(?:设置|设有|共设置|共设|设)(?P<owner2>(?:县|市|区|省|州|旗)?(?:人民)?政府)?"
    rf"(?P<type>工作部门|直属机构|直属事业单位|部门管理机构|派出机构|工作机关)(?:[（(]?[\d{CN}]+个[）)]?)?[：:]"
    rf"(?P<rest>.*)$")
TYPE_DECLARATION = r"(?:仍|继续|明确)?(?:作为|列为|列入)(?P<type>[^，,；;]+?(?:部门|机构|机关|单位|组织))(?:序列)?$"
TYPE_IS = r"^(?P<list>[^，,；;]+?)(?:为|是|属于)(?P<type>[^，,；;为是]+?(?:部门|机构|机关|单位))$"
RANK = r"(?:规格为|为|（|\()(?P<rank>[正副](?:部|厅|局|处|县处|县|乡科|科|股)级)"
# A body of this type is not counted among the bodies a plan creates (no 机构限额): its 组建 is
# recorded as the department's type, not as a create event.
NOT_COUNTED_TYPES = re.compile(r"议事协调机构")

# --- transfer tables ----------------------------------------------------------------------------

# Column headings of a table of transfers (序号｜职责事项｜划出部门｜划入部门; 序号｜划出部门｜调整的职责｜
# 划入部门) or of bodies created (序号｜新组建机构｜整合的机构和职责｜机构性质: the sources cell is written
# like a 整合…组建 list; a 事业单位 plan's 拟整合组建的单位｜整合的单位｜主管部门｜类别 lists the units
# merged whole), by role; a "note" column (备注, 机构性质, 主管部门) is read by neither and may be empty.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "created": ("新组建机构", "新组建（调整）机构", "新组建部门", "新设机构", "组建机构", "新组建单位",
                "拟整合组建的单位", "整合组建的单位", "拟组建单位"),
    "merged": ("整合的机构和职责", "整合的职责", "整合的机构职责", "整合职责", "主要整合职责", "整合的部门和职责",
               "整合的单位", "拟整合的单位", "被整合单位"),
    "note": ("备注", "说明", "机构性质", "机构类型", "机构规格", "主管部门", "类别", "单位类别", "经费形式"),
    "number": ("序号", "编号"),
    "duty": ("职责事项", "划转职责", "职责内容", "事项", "职责", "调整的职责", "调整职责", "划转的职责"),
    "source": ("划出部门", "划出单位", "划出机构", "原承担部门", "原承担单位", "原承担机构", "原部门", "原单位",
               "移出部门", "划出"),
    "target": ("划入部门", "划入单位", "划入机构", "承接部门", "承接单位", "承接机构", "承担部门", "承担单位",
               "接收部门", "划入"),
}
TABLE_SEPARATORS = "｜|\t"
