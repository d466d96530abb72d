"""Entry point of the manifest compiler for Bazel (tools/manifest outside it)."""

import sys

from codegen.manifest.cli import main

if __name__ == "__main__":
    sys.exit(main())
