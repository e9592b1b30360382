"""One voice per interface: messages written for the command line (they name commands, options
and paths) said the way a web page says them.

The stores and queries raise errors whose text serves the CLI too (“可用 zhize search 按文字查找职责
条款。”). The web never shows a command, an option or a server path: `web` swaps each known CLI
sentence for the page's own wording (rules as data, each with the sentence it reads), drops any
other sentence that still names a command or an option, and shortens a file path to its name.
"""

from __future__ import annotations

import re

from zhize.queries.scope import EMPTY_STORE

# CLI wording → web wording.
WEB_WORDING: dict[str, str] = {
    EMPTY_STORE: "库中还没有任何文档。请在“文档”页上传三定规定和机构改革方案。",
    "可用 zhize search 按文字查找职责条款。": "可换一个更短或更常见的说法再查。",
    "可用 zhize ingest 载入改革方案。": "可在“文档”页上传机构改革方案。",
    "可用 zhize documents 查看库中的文档。": "可在“文档”页查看库中的文档。",
    "可用 zhize findings list 查看问题编号。": "可在“问题台账”页查看问题编号。",
    "可用 zhize check 运行检测。": "审核人员可在“问题台账”页运行检测。",
}

# A sentence that names a command (zhize check), an option (--reason, -j) or an environment variable.
_CLI = re.compile(r"zhize\s+[a-z]|(?<![\w-])--?[a-z][a-z-]*|\bZHIZE_[A-Z_]+|（--[a-z-]+）")
# An absolute path on the server (/srv/zhize/uploads/a.txt, C:\\data\\a.txt): only its file name is shown.
_PART = r"[^\s/\\：:，。；”）)]+"
_PATH = re.compile(rf"(?:(?<=[\s：:“（(])|^)(?:(?:/{_PART})+/({_PART})|[A-Za-z]:\\(?:{_PART}\\)*({_PART}))")
_SENTENCE = re.compile(r"[^。；]*[。；]?")


def web(message: str) -> str:
    """`message` as a web page says it."""
    for cli, page in WEB_WORDING.items():
        message = message.replace(cli, page)
    message = _PATH.sub(lambda m: m.group(1) or m.group(2), message)
    kept = [s for s in _SENTENCE.findall(message) if s and not _CLI.search(s)]
    return "".join(kept).strip() or message_without_options(message)


def message_without_options(message: str) -> str:
    """The last resort for a one-sentence message that names an option: the option goes, the words stay."""
    return re.sub(r"（--?[a-z-]+[^）]*）|\s--?[a-z][a-z-]*", "", message).strip()
