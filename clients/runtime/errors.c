/* Readable names of the kernel's error codes (<keel/ulib.h>, keel_strerror). */
#include <keel/abi.h>
#include <keel/ulib.h>

static const char *const messages[] = {
    [0] = "ok",
    [-ERR_INVALID] = "invalid argument",
    [-ERR_NOMEM] = "out of memory or kernel objects",
    [-ERR_FAULT] = "bad address",
    [-ERR_NOSYS] = "no such call",
    [-ERR_TIMEOUT] = "timed out",
    [-ERR_BAD_CAP] = "no such capability",
    [-ERR_RIGHTS] = "permission denied (the capability lacks a right)",
    [-ERR_PEER_DIED] = "the other side went away",
    [-ERR_OVERFLOW] = "too long or too many",
    [-ERR_BUSY] = "busy (a bounded queue is full)",
    [-ERR_NOT_FOUND] = "not found",
    [-ERR_PROTOCOL] = "protocol error (malformed message)",
};

const char *keel_strerror(int err)
{
	if (err > 0 || -err >= (int)(sizeof(messages) / sizeof(messages[0])) ||
	    messages[-err] == NULL)
		return "unknown error";
	return messages[-err];
}
