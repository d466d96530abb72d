/*
 * Host tests of the memory server's policy (service.c) through the generated client and
 * dispatch over the fake transport, with a fake kernel budget model (the service.h hooks and
 * cap_derive below): an allocation costs its pages and 2 frames of list, charged to the
 * budget named, and returns there once its capability is gone; a child budget takes its
 * frames from the server's and gives them back once its capability and its charges are gone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_transport.h"
#include "idl/memory_client.h"
#include "servers/memory/service.h"

#define RW	   (CAP_RIGHT_READ | CAP_RIGHT_WRITE)
#define ADMIN	   (RW | CAP_RIGHT_ADMIN)
#define OWN_FRAMES 600u
#define FAKES	   64

/* The fake kernel: budgets (index 0 the server's own) and frames objects charged to them. */
static struct {
	cap_t cap;
	uint32_t size, objects;
	bool gone; /* its frames went back to the server's */
} budgets[FAKES];
static struct {
	cap_t cap;
	unsigned budget;
	uint32_t frames;
} objs[FAKES];
static unsigned nbudgets, nobjs, budget_creates;

/* Frames objects still referenced: the fake has no mappings, so their capability alone. */
static uint32_t charged(unsigned b, uint32_t *count)
{
	uint32_t frames = 0;

	*count = 0;
	for (unsigned i = 0; i < nobjs; i++)
		if (objs[i].budget == b && fake_cap_alive(objs[i].cap)) {
			frames += objs[i].frames;
			(*count)++;
		}
	return frames;
}

/* The server's free frames: its size less every child budget not yet gone. */
static uint32_t own_free(void)
{
	uint32_t used = 0, n;

	for (unsigned b = 1; b < nbudgets; b++) {
		if (!budgets[b].gone && !fake_cap_alive(budgets[b].cap) && charged(b, &n) == 0)
			budgets[b].gone = true;
		used += budgets[b].gone ? 0 : budgets[b].size;
	}
	return OWN_FRAMES - used;
}

static int find_budget(cap_t cap)
{
	for (unsigned b = 0; b < nbudgets; b++)
		if (budgets[b].cap == cap && fake_cap_alive(cap))
			return (int)b;
	return -1;
}

int32_t mem_sys_budget_create(cap_t parent, const struct keel_budget *want)
{
	assert_int_equal(find_budget(parent), 0);
	budget_creates++;
	if (want->frames > own_free())
		return ERR_NOMEM;
	assert_true(nbudgets < FAKES);
	budgets[nbudgets].cap = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	budgets[nbudgets].size = want->frames;
	budgets[nbudgets].objects = want->objects[CAP_TYPE_MEMORY];
	return budgets[nbudgets++].cap;
}

int32_t mem_sys_budget_info(cap_t budget, struct keel_budget *out)
{
	int b = find_budget(budget);
	uint32_t n;

	if (b < 0)
		return ERR_INVALID;
	*out = (struct keel_budget){0};
	out->frames = b == 0 ? own_free() : budgets[b].size - charged((unsigned)b, &n);
	out->objects[CAP_TYPE_MEMORY] = b == 0 ? 64 : budgets[b].objects - n;
	return ERR_OK;
}

int32_t mem_sys_alloc(cap_t budget, uint32_t pages)
{
	int b = find_budget(budget);
	struct keel_budget info;

	assert_true(b > 0);
	mem_sys_budget_info(budget, &info);
	if (pages + 2 > info.frames || info.objects[CAP_TYPE_MEMORY] == 0)
		return ERR_NOMEM;
	assert_true(nobjs < FAKES);
	objs[nobjs].cap = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	objs[nobjs].budget = (unsigned)b;
	objs[nobjs].frames = pages + 2;
	return objs[nobjs++].cap;
}

/* A derived capability is charged nothing; here it keeps the frames like the original. */
int32_t cap_derive(cap_t cap, uint32_t rights, uint64_t badge)
{
	(void)badge;
	assert_true(fake_cap_alive(cap));
	for (unsigned i = 0; i < nobjs; i++)
		if (objs[i].cap == cap) {
			assert_true(nobjs < FAKES);
			objs[nobjs] = objs[i];
			objs[nobjs].cap = fake_cap_new(CAP_TYPE_MEMORY, rights);
			return objs[nobjs++].cap;
		}
	return fake_cap_new(fake_cap_type(cap), rights);
}

static struct mem_service service;
static struct keel_memory_server server;

static int setup(void **unused)
{
	(void)unused;
	fake_reset();
	nbudgets = nobjs = budget_creates = 0;
	memset(budgets, 0, sizeof(budgets));
	budgets[nbudgets++].cap = fake_cap_new(CAP_TYPE_MEMORY, CAP_RIGHTS_ALL);
	mem_service_init(&service, budgets[0].cap);
	keel_memory_server_init(&server, CAP_NULL, &mem_handlers, &service);
	return 0;
}

static struct keel_memory_client client(uint64_t badge, uint32_t rights)
{
	return (struct keel_memory_client){
	    .ep = fake_endpoint_new(keel_memory_dispatch_untyped, &server, badge, rights),
	    .timeout_us = 1000};
}

/* A client handle for one call. */
static const struct keel_memory_client *as(struct keel_memory_client c)
{
	static struct keel_memory_client held;

	held = c;
	return &held;
}

static struct keel_memory_account usage(const struct keel_memory_client *c)
{
	struct keel_memory_account a = {0};

	assert_int_equal(keel_memory_usage(c, &a), ERR_OK);
	return a;
}

static void test_alloc_within_and_over_quota(void **unused)
{
	struct keel_memory_client a = client(2, RW);
	cap_t m = CAP_NULL, n = CAP_NULL;

	(void)unused;
	assert_int_equal(usage(&a).quota_pages, MEM_DEFAULT_QUOTA);
	assert_int_equal(usage(&a).used_pages, 0);
	assert_int_equal(budget_creates, 0); /* lazily: nothing until the first allocation */
	assert_int_equal(keel_memory_alloc(&a, 16, &m), ERR_OK);
	assert_int_equal(fake_cap_rights(m), RW | CAP_RIGHT_GRANT);
	assert_int_equal(usage(&a).used_pages, 18);
	assert_int_equal(own_free(), OWN_FRAMES - MEM_DEFAULT_QUOTA);
	assert_int_equal(keel_memory_alloc(&a, 250, &n), KEEL_MEMORY_ERROR_QUOTA);
	assert_int_equal(keel_memory_alloc(&a, 0, &n), KEEL_MEMORY_ERROR_BAD_SIZE);
	assert_int_equal(keel_memory_alloc(&a, MEM_DEFAULT_QUOTA + 1, &n),
			 KEEL_MEMORY_ERROR_BAD_SIZE);
	assert_int_equal(cap_delete(m), ERR_OK); /* the frames go back to the quota */
	assert_int_equal(usage(&a).used_pages, 0);
	assert_int_equal(keel_memory_alloc(&a, 250, &n), ERR_OK);
	assert_int_equal(budget_creates, 1);
	assert_int_equal(keel_memory_alloc(as(client(2, CAP_RIGHT_READ)), 1, &n), ERR_RIGHTS);
}

static void test_allocations_and_budget_bounded(void **unused)
{
	struct keel_memory_client a = client(2, RW), b = client(3, RW), c = client(4, RW);
	cap_t m = CAP_NULL;

	(void)unused;
	for (unsigned i = 0; i < MEM_ALLOCS_MAX; i++)
		assert_int_equal(keel_memory_alloc(&a, 1, &m), ERR_OK);
	assert_int_equal(keel_memory_alloc(&a, 1, &m), KEEL_MEMORY_ERROR_QUOTA);
	assert_int_equal(keel_memory_alloc(&b, 1, &m), ERR_OK);
	/* 600 frames hold two budgets of 256, not three */
	assert_int_equal(keel_memory_alloc(&c, 1, &m), KEEL_MEMORY_ERROR_EXHAUSTED);
	assert_int_equal(usage(&c).used_pages, 0);
}

static void test_share_and_attach(void **unused)
{
	struct keel_memory_client a = client(2, RW), b = client(3, RW);
	cap_t m = CAP_NULL, r = CAP_NULL, got = CAP_NULL;
	uint32_t token = 0, ro = 0;

	(void)unused;
	assert_int_equal(keel_memory_alloc(&a, 4, &m), ERR_OK);
	assert_int_equal(keel_memory_share(&a, cap_derive(m, RW | CAP_RIGHT_GRANT, 0), false,
					   &token), ERR_OK);
	assert_int_equal(token, 1);
	assert_int_equal(keel_memory_alloc(&a, 1, &r), ERR_OK);
	assert_int_equal(keel_memory_share(&a, r, true, &ro), ERR_OK);
	assert_int_equal(ro, 2);
	assert_int_equal(usage(&a).shared, 2);
	assert_int_equal(keel_memory_attach(&b, token, &got), ERR_OK);
	assert_int_equal(fake_cap_rights(got), RW);
	assert_int_equal(keel_memory_attach_read(&b, token, &got), ERR_OK);
	assert_int_equal(fake_cap_rights(got), CAP_RIGHT_READ);
	assert_int_equal(keel_memory_attach(&b, ro, &got), KEEL_MEMORY_ERROR_READ_ONLY);
	assert_int_equal(keel_memory_attach_read(&b, ro, &got), ERR_OK);
	assert_int_equal(keel_memory_attach_read(&b, 77, &got), KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	assert_int_equal(keel_memory_unshare(&b, token), KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	assert_int_equal(keel_memory_unshare(&a, token), ERR_OK);
	assert_int_equal(keel_memory_attach(&b, token, &got), KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	assert_int_equal(usage(&a).shared, 1);
	assert_int_equal(keel_memory_attach(as(client(3, CAP_RIGHT_READ)), ro, &got), ERR_RIGHTS);
}

static void test_share_refusals_release_the_capability(void **unused)
{
	struct keel_memory_client a = client(2, RW);
	cap_t budget = mem_sys_budget_create(budgets[0].cap, &(struct keel_budget){0}), m = CAP_NULL;
	uint32_t token;

	(void)unused;
	assert_int_equal(keel_memory_share(&a, budget, false, &token),
			 KEEL_MEMORY_ERROR_NOT_SHAREABLE);
	assert_false(fake_cap_alive(budget));
	assert_int_equal(keel_memory_alloc(&a, 1, &m), ERR_OK);
	for (unsigned i = 0; i < KEEL_MEMORY_SHARED_MAX; i++)
		assert_int_equal(keel_memory_share(&a, cap_derive(m, RW | CAP_RIGHT_GRANT, 0),
						   false, &token), ERR_OK);
	m = cap_derive(m, RW | CAP_RIGHT_GRANT, 0);
	assert_int_equal(keel_memory_share(&a, m, false, &token), KEEL_MEMORY_ERROR_TABLE_FULL);
	assert_false(fake_cap_alive(m));
}

static void test_end_releases_regions_and_budget(void **unused)
{
	struct keel_memory_client a = client(2, RW), b = client(3, RW);
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];
	cap_t m = CAP_NULL, got = CAP_NULL;
	uint32_t token = 0;
	uint8_t n = 0;
	struct mem_release r;

	(void)unused;
	assert_int_equal(keel_memory_alloc(&a, 16, &m), ERR_OK);
	assert_int_equal(keel_memory_share(&a, cap_derive(m, RW | CAP_RIGHT_GRANT, 0), false,
					   &token), ERR_OK);
	assert_int_equal(keel_memory_attach(&b, token, &got), ERR_OK);
	r = mem_service_ended(&service, 2);
	assert_int_equal(r.regions, 1);
	assert_true(r.budget);
	assert_int_equal(keel_memory_attach(&b, token, &got), KEEL_MEMORY_ERROR_NO_SUCH_REGION);
	assert_int_equal(keel_memory_report(as(client(4, ADMIN)), 0, &n, acc), ERR_OK);
	assert_int_equal(n, 0); /* a's slot is free again */
	/* the frames come back once the last holders (a's table, b's attachment) let go */
	assert_int_equal(own_free(), OWN_FRAMES - MEM_DEFAULT_QUOTA);
	cap_delete(m);
	assert_int_equal(own_free(), OWN_FRAMES - MEM_DEFAULT_QUOTA);
	cap_delete(got);
	assert_int_equal(own_free(), OWN_FRAMES);
	r = mem_service_ended(&service, 9);
	assert_int_equal(r.regions, 0);
	assert_false(r.budget);
}

static void test_set_quota(void **unused)
{
	struct keel_memory_client a = client(2, RW), admin = client(5, ADMIN);
	cap_t m = CAP_NULL, n = CAP_NULL;

	(void)unused;
	assert_int_equal(keel_memory_set_quota(&a, 2, 1000), ERR_RIGHTS);
	assert_int_equal(keel_memory_set_quota(&admin, 0, 10), KEEL_MEMORY_ERROR_NO_SUCH_UNIT);
	assert_int_equal(keel_memory_set_quota(&admin, 2, KEEL_MEMORY_QUOTA_MAX + 1),
			 KEEL_MEMORY_ERROR_BAD_SIZE);
	assert_int_equal(keel_memory_alloc(&a, 16, &m), ERR_OK);
	/* lowered while a holds frames: enforced at once, the budget replaced once empty */
	assert_int_equal(keel_memory_set_quota(&admin, 2, 20), ERR_OK);
	assert_int_equal(usage(&a).quota_pages, 20);
	assert_int_equal(keel_memory_alloc(&a, 5, &n), KEEL_MEMORY_ERROR_QUOTA);
	assert_int_equal(budget_creates, 1);
	cap_delete(m);
	assert_int_equal(keel_memory_alloc(&a, 18, &n), ERR_OK);
	assert_int_equal(budget_creates, 2);
	assert_int_equal(usage(&a).used_pages, 20);
	assert_int_equal(own_free(), OWN_FRAMES - 20);
	/* an admin's quota survives the unit's end */
	mem_service_ended(&service, 2);
	assert_int_equal(usage(&a).quota_pages, 20);
}

static void test_report_pages_and_table_full(void **unused)
{
	struct keel_memory_client admin = client(100, ADMIN);
	struct keel_memory_client_account acc[KEEL_MEMORY_REPORT_MAX];
	uint8_t n = 0;

	(void)unused;
	for (unsigned u = 1; u <= KEEL_MEMORY_CLIENTS_MAX; u++)
		assert_int_equal(keel_memory_set_quota(&admin, (uint8_t)u, u), ERR_OK);
	assert_int_equal(keel_memory_set_quota(&admin, 200, 1), KEEL_MEMORY_ERROR_TABLE_FULL);
	assert_int_equal(keel_memory_report(&admin, 0, &n, acc), ERR_OK);
	assert_int_equal(n, KEEL_MEMORY_REPORT_MAX);
	assert_int_equal(acc[0].unit, 1);
	assert_int_equal(acc[7].quota_pages, 8);
	assert_int_equal(keel_memory_report(&admin, 8, &n, acc), ERR_OK);
	assert_int_equal(n, KEEL_MEMORY_REPORT_MAX);
	assert_int_equal(acc[7].unit, 16);
	assert_int_equal(keel_memory_report(&admin, 16, &n, acc), ERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(keel_memory_report(as(client(1, RW)), 0, &n, acc), ERR_RIGHTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_alloc_within_and_over_quota, setup),
	    cmocka_unit_test_setup(test_allocations_and_budget_bounded, setup),
	    cmocka_unit_test_setup(test_share_and_attach, setup),
	    cmocka_unit_test_setup(test_share_refusals_release_the_capability, setup),
	    cmocka_unit_test_setup(test_end_releases_regions_and_budget, setup),
	    cmocka_unit_test_setup(test_set_quota, setup),
	    cmocka_unit_test_setup(test_report_pages_and_table_full, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
