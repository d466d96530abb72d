/*
 * The small runtime every idlc-generated file includes: little-endian byte access, zero/copy
 * helpers, capability release and the error-reply shape. Freestanding: it needs only
 * <stdint.h>, <stddef.h>, <stdbool.h> and the ABI header, so the same code runs on i686 and host.
 */
#ifndef KEEL_IDL_RUNTIME_H
#define KEEL_IDL_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <keel/abi.h>

/* Size of the status word at offset 0 of every reply. */
#define IDL_STATUS_BYTES 4u

/* Evaluates expr (an int32_t ERR_* result) and returns it from the caller if it is not ERR_OK. */
#define IDL_TRY(expr)                          \
	do {                                   \
		int32_t idl_rc_ = (expr);      \
		if (idl_rc_ != ERR_OK)         \
			return idl_rc_;        \
	} while (0)

/* What the kernel says about the sender of a request, handed to every handler. */
struct idl_caller {
	uint64_t badge;  /* badge of the endpoint capability the client invoked */
	uint32_t rights; /* rights of that capability (CAP_RIGHT_*) */
};

static inline void idl_zero(void *dst, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = 0;
}

static inline void idl_copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
}

static inline bool idl_all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= *p++;
	return acc == 0;
}

static inline void idl_put_u8(uint8_t *p, uint8_t v)
{
	p[0] = v;
}

static inline void idl_put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void idl_put_u32(uint8_t *p, uint32_t v)
{
	idl_put_u16(p, (uint16_t)v);
	idl_put_u16(p + 2, (uint16_t)(v >> 16));
}

static inline void idl_put_u64(uint8_t *p, uint64_t v)
{
	idl_put_u32(p, (uint32_t)v);
	idl_put_u32(p + 4, (uint32_t)(v >> 32));
}

static inline uint8_t idl_get_u8(const uint8_t *p)
{
	return p[0];
}

static inline uint16_t idl_get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (uint16_t)p[1] << 8);
}

static inline uint32_t idl_get_u32(const uint8_t *p)
{
	return (uint32_t)idl_get_u16(p) | (uint32_t)idl_get_u16(p + 2) << 16;
}

static inline uint64_t idl_get_u64(const uint8_t *p)
{
	return (uint64_t)idl_get_u32(p) | (uint64_t)idl_get_u32(p + 4) << 32;
}

/* Two's-complement reinterpretation without implementation-defined conversions. */
static inline int8_t idl_get_i8(const uint8_t *p)
{
	uint8_t v = idl_get_u8(p);

	return v <= INT8_MAX ? (int8_t)v : (int8_t)(-(int8_t)(uint8_t)~v - 1);
}

static inline int16_t idl_get_i16(const uint8_t *p)
{
	uint16_t v = idl_get_u16(p);

	return v <= INT16_MAX ? (int16_t)v : (int16_t)(-(int16_t)(uint16_t)~v - 1);
}

static inline int32_t idl_get_i32(const uint8_t *p)
{
	uint32_t v = idl_get_u32(p);

	return v <= INT32_MAX ? (int32_t)v : -(int32_t)~v - 1;
}

static inline int64_t idl_get_i64(const uint8_t *p)
{
	uint64_t v = idl_get_u64(p);

	return v <= INT64_MAX ? (int64_t)v : -(int64_t)~v - 1;
}

/* True if the rights `held` include every right in `needed`. */
static inline bool idl_has_rights(uint32_t held, uint32_t needed)
{
	return (held & needed) == needed;
}

/*
 * The checks dispatch makes before decoding a request: the kind of send matches the method
 * (a two-way method must be called, a oneway one sent: ERR_PROTOCOL), the caller's rights
 * cover the method's (ERR_RIGHTS) and a handler exists (ERR_NOSYS). ERR_OK if all hold.
 */
static inline int32_t idl_admit(const struct ipc_recv_info *info, bool two_way,
				uint32_t rights, bool handled)
{
	if (((info->flags & IPC_RECV_CALL) != 0) != two_way)
		return ERR_PROTOCOL;
	if (!idl_has_rights(info->rights, rights))
		return ERR_RIGHTS;
	return handled ? ERR_OK : ERR_NOSYS;
}

/* Encodes a bounded string or bytes value at p: a u8 length, then the bytes; the unused
 * bytes up to the bound stay as they are (zero in a freshly started message). */
static inline void idl_put_bounded(uint8_t *p, uint8_t len, const void *data)
{
	p[0] = len;
	idl_copy(p + 1, data, len);
}

/*
 * Decodes a bounded string or bytes value at p (1 + bound bytes on the wire) into len/data:
 * ERR_PROTOCOL if the length is over the bound or an unused byte is not zero, so every value
 * has exactly one encoding.
 */
static inline int32_t idl_get_bounded(const uint8_t *p, size_t bound, uint8_t *len, void *data)
{
	uint8_t n = p[0];

	if (n > bound || !idl_all_zero(p + 1 + n, bound - n))
		return ERR_PROTOCOL;
	idl_copy(data, p + 1, n);
	*len = n;
	return ERR_OK;
}

/* Clears msg and gives it a type and length; every cap slot becomes CAP_NULL. */
static inline void idl_msg_start(struct ipc_message *msg, uint32_t type, uint32_t length)
{
	idl_zero(msg->data, sizeof(msg->data));
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++)
		msg->caps[i] = CAP_NULL;
	msg->type = type;
	msg->length = length;
}

/* Releases every capability a received message carries, so a rejected one leaks nothing. */
static inline void idl_release_caps(struct ipc_message *msg)
{
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++) {
		if (msg->caps[i] != CAP_NULL)
			(void)cap_delete(msg->caps[i]);
		msg->caps[i] = CAP_NULL;
	}
}

/* Releases capabilities a handler produced but that will not be sent. */
static inline void idl_release_cap_array(cap_t *caps, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (caps[i] != CAP_NULL)
			(void)cap_delete(caps[i]);
		caps[i] = CAP_NULL;
	}
}

/* Turns a request into its error reply: status only, no data beyond it, no capabilities. */
static inline void idl_error_reply(struct ipc_message *msg, int32_t status)
{
	idl_msg_start(msg, (msg->type & ~IPC_TYPE_REPLY) | IPC_TYPE_REPLY, IDL_STATUS_BYTES);
	idl_put_u32(msg->data, (uint32_t)status);
}

/*
 * Checks the capability slots of a received message: slots 0..count-1 must hold a capability
 * of types[i] with at least rights[i] (from the kernel's info, not the message); the other
 * slots must be empty. ERR_BAD_CAP for a missing, extra or wrong-type cap, ERR_RIGHTS for one
 * with too few rights.
 */
static inline int32_t idl_check_caps(const struct ipc_message *msg,
				     const struct ipc_recv_info *info, const uint8_t *types,
				     const uint32_t *rights, uint32_t count)
{
	for (uint32_t i = 0; i < IPC_MAX_CAPS; i++) {
		bool present = msg->caps[i] != CAP_NULL;

		if (i >= count) {
			if (present || info->cap_type[i] != CAP_TYPE_NONE)
				return ERR_BAD_CAP;
			continue;
		}
		if (!present || info->cap_type[i] != types[i])
			return ERR_BAD_CAP;
		if ((info->cap_rights[i] & rights[i]) != rights[i])
			return ERR_RIGHTS;
	}
	return ERR_OK;
}

/*
 * The first checks of a reply of this type (the call's type | IPC_TYPE_REPLY): returns ERR_OK
 * when its status word is ERR_OK (the results follow, for the caller to decode); else the
 * status of a well-formed error reply (exactly the status, no capabilities): a negative ERR_*
 * or a positive value the caller must still find in the method's error enum; ERR_PROTOCOL for
 * a wrong type, a short message or a malformed error reply.
 */
static inline int32_t idl_reply_status(const struct ipc_message *msg,
				       const struct ipc_recv_info *info, uint32_t type)
{
	int32_t status;

	if (msg->type != type || msg->length < IDL_STATUS_BYTES)
		return ERR_PROTOCOL;
	status = idl_get_i32(msg->data);
	if (status != ERR_OK && (msg->length != IDL_STATUS_BYTES ||
				 idl_check_caps(msg, info, NULL, NULL, 0) != ERR_OK))
		return ERR_PROTOCOL;
	return status;
}

/* Reduces received capabilities 0..count-1 to exactly the declared rights. */
static inline int32_t idl_restrict_caps(const struct ipc_message *msg, const uint32_t *rights,
					uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (cap_restrict(msg->caps[i], rights[i]) != ERR_OK)
			return ERR_BAD_CAP;
	}
	return ERR_OK;
}

/* Copies the NUL-terminated s into a bounded string's len/data; ERR_OVERFLOW if too long. */
static inline int32_t idl_string_set(uint8_t *len, char *data, size_t bound, const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		if (n == bound)
			return ERR_OVERFLOW;
		n++;
	}
	idl_copy(data, s, n);
	*len = (uint8_t)n;
	return ERR_OK;
}

#define IDL_STRING_SET(str, s) idl_string_set(&(str).len, (str).data, sizeof((str).data), (s))

/* Copies n bytes from src into a bounded bytes value's len/data; ERR_OVERFLOW if n is over
 * the bound (nothing is copied then). */
static inline int32_t idl_bytes_set(uint8_t *len, uint8_t *data, size_t bound, const void *src,
				    size_t n)
{
	if (n > bound)
		return ERR_OVERFLOW;
	idl_copy(data, src, n);
	*len = (uint8_t)n;
	return ERR_OK;
}

#define IDL_BYTES_SET(b, src, n) idl_bytes_set(&(b).len, (b).data, sizeof((b).data), (src), (n))

/* What happened to the events a server sent to one subscriber. */
struct idl_send_stats {
	uint32_t sent;    /* events the channel took */
	uint32_t dropped; /* events refused because the channel was full */
	uint32_t failed;  /* events that failed otherwise (checks, a dead subscriber...) */
};

/*
 * Counts the result of sending one event without waiting and returns it: a full channel
 * (ERR_BUSY, or ERR_TIMEOUT from a send that may not wait) becomes ERR_BUSY and counts as
 * dropped; any other error counts as failed.
 */
static inline int32_t idl_count_send(struct idl_send_stats *stats, int32_t rc)
{
	if (rc == ERR_OK) {
		stats->sent++;
		return ERR_OK;
	}
	if (rc == ERR_BUSY || rc == ERR_TIMEOUT) {
		stats->dropped++;
		return ERR_BUSY;
	}
	stats->failed++;
	return rc;
}

#endif /* KEEL_IDL_RUNTIME_H */
