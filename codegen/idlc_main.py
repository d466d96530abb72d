"""Entry point of idlc for Bazel's py_binary and for tools/idlc."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from codegen.idl.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
