"""Template contexts of one method, event or message. They hold references to the checked
model and make their C snippets when a template asks, so a file with 65,535 methods costs a
few hundred bytes per method instead of kilobytes of strings held for the whole run; what
several templates use (names, capabilities, flags) is made once."""

from . import testgen
from .ctext import wrap


def indent(lines, n=1):
    pad = "\t" * n
    return "\n".join(pad + line if line else line for line in lines)


def padding_checks(blk, ptr):
    out = []
    for o, n in blk.padding:
        out += [f"if (!idl_all_zero({ptr} + {o}u, {n}u))", "\treturn ERR_PROTOCOL;"]
    return out


def codec_lines(cx, block, fields, prefix):
    """(put, get, check) C lines of a block whose values are `prefix + name` (`v->`,
    `req->`...): encoding, decoding with every check of the received bytes, and the checks
    of a value before it is sent. Structs and messages share them."""
    put, get, check = [], padding_checks(block, "p"), []
    for slot in block.slots:
        put += slot.type.c_put(cx, prefix + slot.name, f"p + {slot.offset}u")
        get += slot.type.c_get(cx, prefix + slot.name, f"p + {slot.offset}u")
    for fl in fields:
        check += fl.type.c_check(cx, prefix + fl.name)
    return put, get, check


def param_docs(params, results):
    """`name: doc` lines for the parameters and results that have doc comments."""
    return [f"{fl.name}: {' '.join(fl.doc)}" for fl in list(params) + list(results) if fl.doc]


class MsgCtx:
    """One request, reply or event: var names the C variable (`req`, `resp`, `event`); owner
    is the method or event context. Its codec C is made here in Python, not in a template:
    it is the bulk of a large file's output and entirely mechanical."""

    __slots__ = ("fc", "owner", "layout", "var", "length", "caps", "has_data", "has_check")

    def __init__(self, fc, owner, msg, var):
        self.fc, self.owner, self.layout, self.var = fc, owner, msg, var
        self.length = msg.length
        self.caps = [{"slot": s, "name": fl.name, "type": fl.type.c_type_macro(),
                      "rights": fc.abi.rights_c(fl.type.rights)} for s, fl in msg.caps]
        self.has_data = bool(msg.block.slots)
        self.has_check = any(fl.type.needs_check for fl in msg.fields)

    @property
    def fields(self):
        return self.fc.fields_decl(self.layout.fields)

    def bodies(self):
        """(put, get, check) lines of the message (codec_lines)."""
        return codec_lines(self.fc.cx, self.layout.block, self.layout.fields, self.var + "->")

    @property
    def check_body(self):
        return indent(self.bodies()[2])

    # ---- the codec, for codec.h and codec.c ----
    def names(self):
        n, v = self.owner.n, self.var
        return n[v], n["check_" + v], n["encode_" + v], n["decode_" + v], n.type

    def c_struct(self):
        """The message's C struct and its _LENGTH macro (codec.h)."""
        struct = self.names()[0]
        fields = "".join(f"\t{fl['decl']};\n" for fl in self.fields) or "\tuint8_t idl_empty;\n"
        return (f"struct {struct} {{\n{fields}}};\n"
                f"#define {struct.upper()}_LENGTH {self.length}u")

    def c_protos(self):
        """The prototypes of the message's check, encode and decode functions (codec.h)."""
        struct, check, encode, decode, _ = self.names()
        v = self.var
        out = [wrap("int32_t " + check, [f"const struct {struct} *{v}"], ";")] \
            if self.has_check else []
        out.append(wrap("void " + encode, [f"const struct {struct} *{v}",
                                           "struct ipc_message *msg"], ";"))
        out.append(wrap("int32_t " + decode, ["const struct ipc_message *msg",
                                              "const struct ipc_recv_info *info",
                                              f"struct {struct} *{v}"], ";"))
        return "\n".join(out)

    def c_cap_tables(self, struct):
        n = len(self.caps)
        types = "".join(f"\t{c['type']},\n" for c in self.caps)
        rights = "".join(f"\t{c['rights']},\n" for c in self.caps)
        return (f"\nstatic const uint8_t {struct}_cap_types[{n}] = {{\n{types}}};\n"
                f"static const uint32_t {struct}_cap_rights[{n}] = {{\n{rights}}};\n")

    def c_encode(self, struct, encode, mtype):
        v = self.var
        reply = " | IPC_TYPE_REPLY" if v == "resp" else ""
        out = [wrap("void " + encode, [f"const struct {struct} *{v}",
                                       "struct ipc_message *msg"]), "{"]
        if self.has_data:
            out += ["\tuint8_t *p = msg->data;", ""]
        out.append(wrap("idl_msg_start", ["msg", mtype + reply, f"{self.length}u"], ";", 1))
        out += ["\t" + line for line in self.bodies()[0]]
        out += [f"\tmsg->caps[{c['slot']}] = {v}->{c['name']};" for c in self.caps]
        if not self.has_data and not self.caps:
            out.append(f"\t(void){v};")
        return out + ["}"]

    def c_decode(self, struct, decode, mtype):
        v, o = self.var, self.owner
        out = [wrap("int32_t " + decode, ["const struct ipc_message *msg",
                                          "const struct ipc_recv_info *info",
                                          f"struct {struct} *{v}"]), "{"]
        if self.has_data:
            out.append("\tconst uint8_t *p = msg->data;")
        if v == "resp":
            out.append(f"\tint32_t status = idl_reply_status(msg, info, {mtype} | "
                       "IPC_TYPE_REPLY);")
        if self.has_data or v == "resp":
            out.append("")
        out.append(f"\tidl_zero({v}, sizeof(*{v}));")
        if v == "resp":  # requests and events reach their decoder routed by their type
            valid = f" || {o.error_type}_valid(status)" if o.error_type else ""
            out += ["\tif (status != ERR_OK)",
                    f"\t\treturn status < 0{valid} ? status : ERR_PROTOCOL;"]
        out += [f"\tif (msg->length != {self.length}u)", "\t\treturn ERR_PROTOCOL;"]
        out += ["\t" + line for line in self.bodies()[1]]
        if not self.caps:
            return out + ["\treturn idl_check_caps(msg, info, NULL, NULL, 0);", "}"]
        n = f"{len(self.caps)}u"
        out.append(wrap("IDL_TRY(idl_check_caps", ["msg", "info", f"{struct}_cap_types",
                                                   f"{struct}_cap_rights", n], ");", 1))
        out.append(wrap("IDL_TRY(idl_restrict_caps", ["msg", f"{struct}_cap_rights", n],
                        ");", 1))
        out += [f"\t{v}->{c['name']} = msg->caps[{c['slot']}];" for c in self.caps]
        return out + ["\treturn ERR_OK;", "}"]

    def c_body(self):
        """The message's check, encode and decode functions (codec.c)."""
        struct, check, encode, decode, mtype = self.names()
        out = self.c_cap_tables(struct) if self.caps else ""
        if self.has_check:
            out += (f"\n{wrap('int32_t ' + check, [f'const struct {struct} *{self.var}'])}\n"
                    f"{{\n{self.check_body}\n\treturn ERR_OK;\n}}\n")
        out += "\n" + "\n".join(self.c_encode(struct, encode, mtype)) + "\n"
        return out + "\n" + "\n".join(self.c_decode(struct, decode, mtype))


class MemberCtx:
    """What methods and events share: name, doc, names, parameters."""

    __slots__ = ("fc", "iface", "m", "n", "extra")

    def __getattr__(self, key):  # what the scaffold adds (idlc new)
        if key == "extra" or key.startswith("__"):  # not set yet (copy), or Python's own
            raise AttributeError(key)
        try:
            return self.extra[key]
        except (KeyError, TypeError):
            raise AttributeError(key) from None

    @property
    def name(self):
        return self.m.name

    @property
    def doc(self):
        return self.m.doc

    @property
    def ordinal(self):
        return self.m.ordinal

    @property
    def index(self):
        return self.m.index

    def results(self):
        return getattr(self.m, "results", None) or []

    @property
    def params(self):
        cx = self.fc.cx
        return ([fl.type.c_in_param(cx, fl.name) for fl in self.m.params]
                + [fl.type.c_out_param(cx, fl.name) for fl in self.results()])

    @property
    def stub_params(self):
        """The parameters named idl_p0... (the generated test's handler stubs)."""
        cx, params = self.fc.cx, self.m.params
        return ([fl.type.c_in_param(cx, f"idl_p{k}") for k, fl in enumerate(params)]
                + [fl.type.c_out_param(cx, f"idl_p{len(params) + k}")
                   for k, fl in enumerate(self.results())])

    @property
    def param_docs(self):
        return param_docs(self.m.params, self.results())


class MethodCtx(MemberCtx):
    __slots__ = ("req", "resp", "oneway", "rights", "rights_mask", "error_type", "error_name")

    def __init__(self, fc, iface, m, req, resp):
        self.fc, self.iface, self.m, self.extra = fc, iface, m, None
        self.n = fc.cx.method_names(iface, m)
        self.req = MsgCtx(fc, self, req, "req")
        self.resp = MsgCtx(fc, self, resp, "resp") if resp else None
        self.oneway = m.oneway
        self.rights = fc.abi.rights_c(m.rights_mask)
        self.rights_mask = m.rights_mask
        err = m.error_enum
        self.error_type = fc.cx.type_name(err) if err else None
        self.error_name = err.name if err else None

    @property
    def copy_in(self):
        return [fl.type.c_copy_in(f"idl_req.{fl.name}", fl.name) for fl in self.m.params]

    @property
    def copy_out(self):
        return [fl.type.c_copy_out(fl.name, f"idl_resp.{fl.name}") for fl in self.results()]

    @property
    def handler_args(self):
        return ([fl.type.c_in_arg(f"req.{fl.name}") for fl in self.m.params]
                + [fl.type.c_out_arg(f"resp.{fl.name}") for fl in self.results()])

    @property
    def test(self):
        return testgen.method_tests(self.fc, self.m, self.req.layout)

    @property
    def has_bad(self):
        return testgen.has_corruptions(self.req.layout.block)


class EventCtx(MemberCtx):
    __slots__ = ("msg",)

    def __init__(self, fc, iface, e, msg):
        self.fc, self.iface, self.m, self.extra = fc, iface, e, None
        self.n = fc.cx.event_names(iface, e)
        self.msg = MsgCtx(fc, self, msg, "event")

    @property
    def copy_in(self):
        return [fl.type.c_copy_in(f"idl_event.{fl.name}", fl.name) for fl in self.m.params]

    @property
    def handler_args(self):
        return [fl.type.c_in_arg(f"event.{fl.name}") for fl in self.m.params]

    @property
    def test(self):
        return testgen.event_tests(self.fc, self.m, self.msg.layout)

    @property
    def has_bad(self):
        return testgen.has_corruptions(self.msg.layout.block)
