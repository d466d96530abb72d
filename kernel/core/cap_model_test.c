/*
 * Randomized model test of the capability layer: random derive, restrict, move, delete,
 * revoke, install and table-clear operations across several tables (small ones, so exhaustion
 * happens), each checked against a reference model written here: every result code, every
 * live handle's object, rights and badge, every derivation edge, stale handles, and every
 * object's reference count and destruction.
 *
 * Options (bazel test --test_arg=...): --seed=N (default 1), --count=N (default 100000).
 * A long run: bazel test //kernel/core:cap_model_test --test_arg=--count=10000000
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cap_fake_kobj.h"

#define TABLES	4
#define OBJS	6
#define MODEL_MAX (TABLES * CAP_SLOTS)
#define NONE	(-1)

struct model_cap {
	bool live;
	int table, parent; /* parent: model index or NONE */
	cap_t handle;
	int obj;
	uint32_t rights;
	uint64_t badge;
};

static struct cap_table tables[TABLES];
static struct fake_obj objs[OBJS];
static struct model_cap model[MODEL_MAX];
static int model_count;
static cap_t stale[64]; /* handles of deleted capabilities, with their table */
static int stale_table[64];
static unsigned stale_next;
static uint64_t rng_state = 1, op_count = 100000, seed = 1;
static uint64_t stat_nomem, stat_revoked, stat_moved, stat_busy;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

/* Index of a free model record (records are reused once dead). */
static int model_new(void)
{
	for (int i = 0; i < model_count; i++)
		if (!model[i].live)
			return i;
	assert_true(model_count < MODEL_MAX);
	return model_count++;
}

static uint32_t model_free_slots(int t)
{
	uint32_t used = 0;

	for (int i = 0; i < model_count; i++)
		used += model[i].live && model[i].table == t;
	return CAP_SLOTS - used;
}

/* A random live capability of table t, or NONE. */
static int pick(int t)
{
	int n = 0, chosen = NONE;

	for (int i = 0; i < model_count; i++)
		if (model[i].live && model[i].table == t && rnd((uint32_t)++n) == 0)
			chosen = i;
	return chosen;
}

static void model_kill(int i)
{
	for (int j = 0; j < model_count; j++) /* children move up to i's parent */
		if (model[j].live && model[j].parent == i)
			model[j].parent = model[i].parent;
	model[i].live = false;
	stale[stale_next % 64] = model[i].handle;
	stale_table[stale_next % 64] = model[i].table;
	stale_next++;
}

static bool is_descendant(int j, int i)
{
	for (int p = model[j].parent; p != NONE; p = model[p].parent)
		if (p == i)
			return true;
	return false;
}

static void op_install(void)
{
	int t = (int)rnd(TABLES), o = (int)rnd(OBJS);
	uint32_t rights = rnd(CAP_RIGHTS_ALL + 1);
	cap_t h;
	int err = cap_install(&tables[t], &objs[o].k, rights, 0, &h);

	if (model_free_slots(t) == 0) {
		assert_int_equal(err, ERR_NOMEM);
		stat_nomem++;
		return;
	}
	assert_int_equal(err, ERR_OK);
	int i = model_new();

	model[i] = (struct model_cap){true, t, NONE, h, o, rights, 0};
}

static void op_derive(void)
{
	int t = (int)rnd(TABLES), s = pick(t);
	uint32_t rights = rnd(CAP_RIGHTS_ALL + 1);
	uint64_t badge = rnd(4) == 0 ? rnd(1000) + 1 : 0;
	cap_t h;

	if (s == NONE)
		return;
	int err = cap_derive(&tables[t], model[s].handle, rights, badge, &h);
	bool ep = objs[model[s].obj].k.type == CAP_TYPE_ENDPOINT;

	if (rights & ~model[s].rights)
		assert_int_equal(err, ERR_RIGHTS);
	else if (badge && (!ep || model[s].badge))
		assert_int_equal(err, ERR_INVALID);
	else if (model_free_slots(t) == 0)
		assert_int_equal(err, ERR_NOMEM);
	else {
		assert_int_equal(err, ERR_OK);
		int i = model_new();

		model[i] = (struct model_cap){true, t, s, h, model[s].obj, rights,
					      badge ? badge : model[s].badge};
	}
}

static void op_restrict(void)
{
	int t = (int)rnd(TABLES), s = pick(t);
	uint32_t mask = rnd(CAP_RIGHTS_ALL + 1);
	bool has_children = false;

	if (s == NONE)
		return;
	for (int j = 0; j < model_count; j++)
		has_children |= model[j].live && model[j].parent == s;
	int err = cap_restrict(&tables[t], model[s].handle, mask);

	if (has_children) {
		assert_int_equal(err, ERR_BUSY);
		stat_busy++;
		return;
	}
	assert_int_equal(err, ERR_OK);
	model[s].rights &= mask;
}

static void op_delete(void)
{
	int t = (int)rnd(TABLES), s = pick(t);

	if (s == NONE)
		return;
	assert_int_equal(cap_delete(&tables[t], model[s].handle), ERR_OK);
	model_kill(s);
}

static void op_revoke(void)
{
	int t = (int)rnd(TABLES), s = pick(t), r, calls = 0, n = 0;

	if (s == NONE)
		return;
	for (int j = 0; j < model_count; j++)
		if (model[j].live && is_descendant(j, s)) {
			model[j].live = false; /* parents of the rest die too: no re-parenting */
			n++;
		}
	stat_revoked += (uint64_t)n;
	while ((r = cap_revoke_some(&tables[t], model[s].handle)) == CAP_REVOKE_MORE)
		calls++;
	assert_int_equal(r, ERR_OK);
	assert_int_equal(calls, n == 0 ? 0 : (n - 1) / CAP_REVOKE_BATCH);
}

static void op_move(void)
{
	int from = (int)rnd(TABLES), to = (int)rnd(TABLES), idx[IPC_MAX_CAPS];
	unsigned n = rnd(IPC_MAX_CAPS + 1), k = 0;
	struct cap *src[IPC_MAX_CAPS];
	cap_t out[IPC_MAX_CAPS];

	for (unsigned a = 0; a < n; a++) { /* distinct live capabilities, as IPC checks */
		int s = pick(from);
		bool dup = s == NONE;

		for (unsigned b = 0; b < k && !dup; b++)
			dup = idx[b] == s;
		if (!dup) {
			idx[k] = s;
			assert_int_equal(cap_lookup(&tables[from], model[s].handle, CAP_TYPE_NONE, 0,
						    &src[k]),
					 ERR_OK);
			k++;
		}
	}
	int err = cap_move(&tables[from], src, k, &tables[to], out);

	if (model_free_slots(to) < k) {
		assert_int_equal(err, ERR_NOMEM);
		return;
	}
	assert_int_equal(err, ERR_OK);
	stat_moved += k;
	for (unsigned b = 0; b < k; b++) {
		stale[stale_next % 64] = model[idx[b]].handle;
		stale_table[stale_next++ % 64] = from;
		model[idx[b]].table = to;
		model[idx[b]].handle = out[b];
	}
}

static void op_clear(void)
{
	int t = (int)rnd(TABLES);

	cap_table_clear(&tables[t]);
	for (int i = 0; i < model_count; i++)
		if (model[i].live && model[i].table == t)
			model_kill(i);
}

static int owner[TABLES][CAP_SLOTS]; /* model index of each occupied slot */
static unsigned kids[MODEL_MAX];	    /* live children of each model record */

/* The kernel's children list of i's node holds exactly i's children, each pointing at it. */
static void check_children(int i, struct cap *c)
{
	unsigned kernel_kids = 0;
	struct list_node *n;

	list_for_each(n, &c->children)
	{
		struct cap *k = list_entry(n, struct cap, sibling);
		int t = (int)(k->table - tables);

		assert_true(t >= 0 && t < TABLES);
		assert_int_equal(model[owner[t][k - k->table->slots]].parent, i);
		assert_ptr_equal(k->parent, c); /* the child points back (SYS_CAP_LIST's parent) */
		kernel_kids++;
	}
	assert_int_equal(kernel_kids, kids[i]);
}

static void index_model(void)
{
	memset(kids, 0, sizeof(kids));
	for (int i = 0; i < model_count; i++) {
		if (!model[i].live)
			continue;
		owner[model[i].table][model[i].handle & CAP_INDEX_MASK] = i;
		if (model[i].parent != NONE)
			kids[model[i].parent]++;
	}
}

static void check_all(void)
{
	uint32_t refs[OBJS] = {0}, readers[OBJS] = {0};

	index_model();
	for (int i = 0; i < model_count; i++) {
		struct cap *c;

		if (!model[i].live)
			continue;
		assert_int_equal(cap_lookup(&tables[model[i].table], model[i].handle, CAP_TYPE_NONE,
					    0, &c),
				 ERR_OK);
		assert_ptr_equal(c->obj, &objs[model[i].obj].k);
		if (model[i].parent == NONE)
			assert_null(c->parent);
		assert_int_equal(c->rights, model[i].rights);
		assert_int_equal(c->badge, model[i].badge);
		check_children(i, c);
		refs[model[i].obj]++;
		readers[model[i].obj] += (model[i].rights & CAP_RIGHT_READ) != 0;
	}
	for (int o = 0; o < OBJS; o++) {
		assert_int_equal(objs[o].k.refs, refs[o]);
		assert_int_equal(objs[o].readers, readers[o]);
	}
	for (unsigned s = 0; s < 64 && s < stale_next; s++) {
		struct cap *c;

		assert_int_equal(cap_lookup(&tables[stale_table[s]], stale[s], CAP_TYPE_NONE, 0, &c),
				 ERR_BAD_CAP);
	}
	for (int t = 0; t < TABLES; t++)
		assert_int_equal(tables[t].free_count, model_free_slots(t));
}

static void test_model(void **state)
{
	(void)state;
	static void (*const ops[])(void) = {op_install, op_install, op_derive, op_derive,
					    op_derive,	op_restrict, op_move,	op_move,
					    op_delete,	op_revoke,   op_revoke};

	for (int t = 0; t < TABLES; t++)
		cap_table_init(&tables[t]);
	for (int o = 0; o < OBJS; o++)
		fake_obj_init(&objs[o], o % 2 ? CAP_TYPE_ENDPOINT : CAP_TYPE_CHANNEL, false);
	for (uint64_t n = 0; n < op_count; n++) {
		if (rnd(5000) == 0)
			op_clear();
		else
			ops[rnd(ARRAY_SIZE(ops))]();
		check_all();
	}
	printf("cap model: %llu operations, 0 divergences (%llu moved, %llu revoked, %llu "
	       "installs refused for a full table, %llu restricts refused for children)\n",
	       (unsigned long long)op_count, (unsigned long long)stat_moved,
	       (unsigned long long)stat_revoked, (unsigned long long)stat_nomem,
	       (unsigned long long)stat_busy);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_model)};

	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--seed=", 7) == 0)
			seed = strtoull(argv[i] + 7, NULL, 0);
		else if (strncmp(argv[i], "--count=", 8) == 0)
			op_count = strtoull(argv[i] + 8, NULL, 0);
		else {
			fprintf(stderr, "cap_model_test: unknown option %s (--seed=N --count=N)\n",
				argv[i]);
			return 2;
		}
	}
	rng_state = seed * 2654435761u + 1; /* xorshift needs a non-zero state */
	printf("cap model: seed %llu, %llu operations\n", (unsigned long long)seed,
	       (unsigned long long)op_count);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
