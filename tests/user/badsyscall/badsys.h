/*
 * The syscall bad-input matrix (tests/user/badsyscall): shared types and the checker that
 * runs one case through the current entry path and prints "badsys <case>: got .. want .. ok".
 */
#ifndef BADSYS_H
#define BADSYS_H

#include <stdint.h>

#include <keel/abi.h>

/* What a case accepts: one code, one of two codes, any success (>= 0) or any error (< 0). */
enum want_kind {
	WANT_CODE,
	WANT_EITHER,
	WANT_SUCCESS,
	WANT_ERROR,
};

struct want {
	enum want_kind kind;
	int32_t a, b;
};

#define WANT(code)  ((struct want){WANT_CODE, (code), (code)})
#define WANT2(x, y) ((struct want){WANT_EITHER, (x), (y)})
#define WANT_OK	    ((struct want){WANT_SUCCESS, 0, 0})
#define WANT_ERR    ((struct want){WANT_ERROR, 0, 0})

/* One raw syscall: number and a1..a5 (unused ones 0). */
struct call {
	uint32_t num;
	uint32_t a[5];
};

/* Addresses that are never valid user buffers (see the case list in cases.c). */
#define ADDR_UNMAPPED	  0x10000000u /* user half, nothing mapped there */
#define ADDR_KERNEL_BASE  0xC0000000u /* first kernel byte */
#define ADDR_KERNEL_IMAGE 0xC0100000u /* the kernel's code */
#define ADDR_TOP	  0xFFFFFFFFu
#define ADDR_STRADDLE	  0xBFFFFFF0u /* 16 user bytes, then the kernel */
#define ADDR_WRAP	  0xFFFFFFF0u /* + 0x20 wraps around to 0x10 */

/* The raw entry the cases go through (syscall_int80 or syscall_sysenter) and its name. */
extern int32_t (*badsys_raw)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
extern const char *badsys_path_name;

/* Runs `c` through badsys_raw, prints the case line and counts it; returns the result. */
int32_t badsys_check(const char *name, struct call c, struct want w);

/* Prints and counts a case whose verdict the caller computed itself. */
void badsys_report(const char *name, int32_t got, const char *want, int ok);

/* Formats `w` for a case line: "-3", "-3|-1", ">=0" or "<0". */
void badsys_format_want(char *buf, uint32_t size, struct want w);

/* Whether `got` is what `w` accepts. */
int badsys_accepts(struct want w, int32_t got);

/* The case groups (cases.c), run once per entry path. */
void badsys_run_matrix(void);

/* Register preservation and sysenter with a bad return frame (regs.c), run once. */
void badsys_run_register_cases(void);

#endif /* BADSYS_H */
