"""C text helpers for the templates: comments made safe from IDL doc text, function heads and
calls wrapped at 100 columns, and string literals. Generated C stays within 100 columns (tabs
count 8) except where a single name is longer than the room left."""

import re
import textwrap

WIDTH = 100


def columns(line):
    """Display width of a line with 8-column tabs."""
    return len(line.expandtabs(8)) if "\t" in line else len(line)


def comment_safe(text):
    """Doc text as it can stand inside a C block comment: no comment delimiters and no
    trigraphs (gcc's -Wcomment and -Wtrigraphs would fail -Werror builds)."""
    return text.replace("*/", "* /").replace("/*", "/ *").replace("??", "? ?")


def cdoc(lines, tabs=0):
    """Doc comment lines as a C comment block ending in a newline; "" when there are none.
    Lines longer than the width are wrapped at spaces."""
    if not lines:
        return ""
    pad = "\t" * tabs
    body = [comment_safe(line) for line in lines]
    if len(body) == 1 and columns(f"{pad}/* {body[0]} */") <= WIDTH:
        return f"{pad}/* {body[0]} */\n"
    room = max(20, WIDTH - columns(pad) - 3)
    out = []
    for line in body:
        wrapped = textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False,
                                drop_whitespace=True) if columns(line) > room else [line]
        out += wrapped or [""]
    text = "".join(f"{pad} * {line}".rstrip() + "\n" for line in out)
    return f"{pad}/*\n{text}{pad} */\n"


def wrap(head, args, tail="", tabs=0):
    """`head(arg, arg...)tail` on one line, or broken after the `(` and after commas with
    continuation lines indented one more tab, so that no line passes the width where a
    break can prevent it."""
    pad = "\t" * tabs
    one = f"{pad}{head}({', '.join(args)}){tail}"
    if len(one) + 7 * tabs <= WIDTH or not args or columns(one) <= WIDTH:
        return one
    lines, line = [], f"{pad}{head}("
    for k, arg in enumerate(args):
        piece = arg + (f"){tail}" if k + 1 == len(args) else ",")
        joined = line + ("" if line.endswith("(") else " ") + piece
        if columns(joined) > WIDTH:
            lines.append(line)
            line = f"{pad}\t{piece}"
        else:
            line = joined
    lines.append(line)
    return "\n".join(lines)


def define(name, value):
    """`#define name value`, continued on a second line when it would be too wide."""
    line = f"#define {name} {value}"
    return line if columns(line) <= WIDTH else f"#define {name} \\\n\t{value}"


def _break_at(line, limit):
    """Index after which to break line so its first part fits limit columns: the last `, `,
    ` || ` or ` && ` outside string literals, else the last ` = `; None if there is none."""
    best, assign, in_string = None, None, False
    for k, c in enumerate(line):
        if c == '"' and (k == 0 or line[k - 1] != "\\"):
            in_string = not in_string
        if in_string:
            continue
        if columns(line[:k + 1]) > limit:
            break
        if line.startswith(", ", k) or line.startswith(" || ", k) or line.startswith(" && ", k):
            best = k + 1 if c == "," else k + 3
        elif line.startswith(" = ", k):
            assign = k + 2
    return best if best is not None else assign


_LONG = re.compile(r"^[^\n]{48,}$", re.M)  # only these can pass 100 columns (tabs: 8)


def _fold_line(m):
    line = m.group(0)
    if columns(line) <= WIDTH or line.lstrip().startswith(("#", "/*", "*")) \
            or line.endswith("\\"):
        return line
    out = []
    while columns(line) > WIDTH:
        at = _break_at(line, WIDTH)
        if at is None:
            break
        pad = line[:len(line) - len(line.lstrip("\t"))]
        out.append(line[:at].rstrip())
        line = pad + "\t" + line[at:].lstrip()
    out.append(line)
    return "\n".join(out)


def fold(text):
    """Breaks every C statement line wider than the width after its last `,`, `||` or `&&`
    that fits, continuing one tab deeper. Preprocessor lines, comments and lines without such
    a break are left alone."""
    return _LONG.sub(_fold_line, text)


def c_string(text, limit=48):
    """A C string literal for a short label; long labels are cut with an ellipsis."""
    if len(text) > limit:
        text = text[:limit - 3] + "..."
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
