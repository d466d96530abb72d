#!/bin/sh
# The api test idl_library adds for every IDL file (codegen/defs.bzl): runs
# `idlc verify FILE [--lock LOCK] --registry REGISTRY`, which fails naming what to run when the
# file is not formatted, its lock is stale or records an unbumped breaking change, or one of
# its interface ids is not in the workspace's registry or belongs to another interface.
exec "$@"
