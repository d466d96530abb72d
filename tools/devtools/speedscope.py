"""The offline speedscope page tools/deps installs, and the way to hand it a file: a script next
to the file that calls speedscope.loadFileFromBase64, named in the page's #localProfilePath
(what speedscope's own command does). tools/profile and the viewer tests use it."""
import base64
import json
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def index_html(root=REPO):
    """speedscope's offline page where tools/deps puts it (its SPEEDSCOPE=... line)."""
    with open(os.path.join(root, "tools", "deps")) as f:
        m = re.search(r"^SPEEDSCOPE=(\S+)$", f.read(), re.M)
    return os.path.join(m.group(1), "node_modules", "speedscope", "dist", "release",
                        "index.html")


def page(path, data, name, view=None):
    """Writes the loader script `path` for `data` (bytes) shown as `name`; returns the page's
    address that opens it (in `view`: time-ordered, left-heavy or sandwich)."""
    with open(path, "w") as f:
        f.write("speedscope.loadFileFromBase64(%s, %s)\n" % (
            json.dumps(name), json.dumps(base64.b64encode(data).decode())))
    return "file://%s#localProfilePath=%s%s" % (index_html(), path,
                                               "&view=" + view if view else "")
