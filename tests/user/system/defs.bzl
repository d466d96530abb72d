"""What the chaos program links, shared by its 1,000- and 10,000-crash builds."""

CHAOS_DEPS = [
    "//codegen/examples/echo:echo_idl_client",
    "//idl:devmgr_idl_client",
    "//idl:keyboard_idl_client",
    "//idl:serial_idl_client",
    "//idl:supervisor_idl_client",
    "//tests/user/check",
]
