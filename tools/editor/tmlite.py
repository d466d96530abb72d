"""A small TextMate tokenizer for testing the Keel IDL grammar without VS Code.

It follows the rules vscode-textmate applies: at each position the match that starts first
wins; on a tie the end of the current begin/end rule comes first, then rules in their listed
order. It supports what keel-idl.tmLanguage.json uses (match, begin/end, name, captures,
includes of #repository entries and $self) and compiles every regex with Python's re, so the
grammar must keep to the part of Oniguruma's syntax that both read alike.
"""

import re


class Frame:
    """One open begin/end rule (or the file itself): its scopes, end regex and rules."""

    def __init__(self, rule, scopes, end, rules):
        self.rule, self.scopes, self.end, self.rules = rule, scopes, end, rules


class Grammar:
    def __init__(self, data):
        self.data = data
        self.repo = data.get("repository", {})
        self._compiled = {}

    def regex(self, text):
        if text not in self._compiled:
            self._compiled[text] = re.compile(text)
        return self._compiled[text]

    def rules(self, patterns):
        """The match and begin rules of a pattern list, includes expanded in place."""
        out = []
        for p in patterns:
            if "include" in p:
                inc = p["include"]
                p = self.data if inc == "$self" else self.repo[inc[1:]]
            if "match" in p or "begin" in p:
                out.append(p)
            else:
                out += self.rules(p["patterns"])
        return out

    def tokenize(self, text):
        """The scopes of every character of text: one list per line of scope tuples."""
        stack = [Frame(None, (self.data["scopeName"],), None, self.rules(self.data["patterns"]))]
        return [self._line(line + "\n", stack)[:-1] for line in text.split("\n")]

    def _line(self, line, stack):
        out = [None] * len(line)
        pos, seen = 0, set()
        while pos < len(line):
            if (pos, len(stack)) in seen:
                raise ValueError(f"the grammar makes no progress at {pos} in {line!r}")
            seen.add((pos, len(stack)))
            top = stack[-1]
            best = top.end.search(line, pos) if top.end else None
            rule = None
            for r in top.rules:
                m = self.regex(r.get("match") or r["begin"]).search(line, pos)
                if m and (best is None or m.start() < best.start()):
                    best, rule = m, r
            start = best.start() if best else len(line)
            out[pos:start] = [top.scopes] * (start - pos)
            if best is None:
                break
            if rule is None:  # the end of the open begin/end rule
                stack.pop()
                paint(out, best, top.scopes, top.rule.get("endCaptures", {}))
            else:
                scopes = top.scopes + ((rule["name"],) if "name" in rule else ())
                if "match" in rule:
                    paint(out, best, scopes, rule.get("captures", {}))
                else:
                    paint(out, best, scopes, rule.get("beginCaptures", {}))
                    stack.append(Frame(rule, scopes, self.regex(rule["end"]),
                                       self.rules(rule.get("patterns", []))))
            pos = best.end()
        return out


def paint(out, m, scopes, captures):
    """Gives the match's characters its scopes, plus each capture's name on its group."""
    out[m.start():m.end()] = [scopes] * (m.end() - m.start())
    for group in sorted(captures, key=int):
        name = captures[group].get("name")
        start, end = m.span(int(group))
        if name and start >= 0:
            out[start:end] = [s + (name,) for s in out[start:end]]
