/*
 * Host tests for capability tables: derive never widens rights, badges are set once, stale and
 * forged handles fail, slot exhaustion, delete hands children up, revoke reaches every
 * descendant in any table in bounded steps, moves keep the tree (into tables and into a
 * queue's parked nodes), and object lifetimes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cap_fake_kobj.h"

static struct cap_table ta, tb;
static struct fake_obj ep, unit;

static int setup(void **state)
{
	(void)state;
	cap_table_init(&ta);
	cap_table_init(&tb);
	fake_obj_init(&ep, CAP_TYPE_ENDPOINT, false);
	fake_obj_init(&unit, CAP_TYPE_UNIT, true);
	return 0;
}

static cap_t install(struct cap_table *t, struct fake_obj *o, uint32_t rights)
{
	cap_t h;

	assert_int_equal(cap_install(t, &o->k, rights, 0, &h), ERR_OK);
	assert_true(h >= 0);
	return h;
}

static struct cap *get(struct cap_table *t, cap_t h)
{
	struct cap *c = NULL;

	assert_int_equal(cap_lookup(t, h, CAP_TYPE_NONE, 0, &c), ERR_OK);
	return c;
}

static void test_lookup_checks_type_and_rights(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
	struct cap *c;

	assert_int_equal(cap_lookup(&ta, h, CAP_TYPE_ENDPOINT, CAP_RIGHT_WRITE, &c), ERR_OK);
	assert_ptr_equal(c->obj, &ep.k);
	assert_int_equal(cap_lookup(&ta, h, CAP_TYPE_CHANNEL, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_lookup(&ta, h, CAP_TYPE_ENDPOINT, CAP_RIGHT_GRANT, &c), ERR_RIGHTS);
	assert_int_equal(cap_lookup(&ta, CAP_NULL, CAP_TYPE_NONE, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_lookup(&ta, (cap_t)CAP_SLOTS, CAP_TYPE_NONE, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_lookup(&ta, h & (cap_t)CAP_INDEX_MASK, CAP_TYPE_NONE, 0, &c),
			 ERR_BAD_CAP); /* generation 0 is never handed out */
	assert_int_equal(cap_lookup(&ta, h + 1, CAP_TYPE_NONE, 0, &c), ERR_BAD_CAP); /* empty */
}

static void test_derive_never_widens(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHT_READ | CAP_RIGHT_GRANT), d;

	for (uint32_t r = 0; r <= CAP_RIGHTS_ALL; r++) {
		int err = cap_derive(&ta, h, r, 0, &d);

		if (r & ~(CAP_RIGHT_READ | CAP_RIGHT_GRANT)) {
			assert_int_equal(err, ERR_RIGHTS);
			continue;
		}
		assert_int_equal(err, ERR_OK);
		assert_int_equal(get(&ta, d)->rights, r);
		assert_int_equal(cap_derive(&ta, d, r | CAP_RIGHT_WRITE, 0, &d), ERR_RIGHTS);
	}
}

static void test_badge_set_once_endpoints_only(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHTS_ALL), b, bb, u;

	assert_int_equal(cap_derive(&ta, h, CAP_RIGHT_WRITE, 42, &b), ERR_OK);
	assert_int_equal(get(&ta, b)->badge, 42);
	assert_int_equal(cap_derive(&ta, b, CAP_RIGHT_WRITE, 7, &bb), ERR_INVALID);
	assert_int_equal(cap_derive(&ta, b, CAP_RIGHT_WRITE, 0, &bb), ERR_OK);
	assert_int_equal(get(&ta, bb)->badge, 42); /* inherited */
	u = install(&ta, &unit, CAP_RIGHTS_ALL);
	assert_int_equal(cap_derive(&ta, u, 0, 1, &bb), ERR_INVALID);
}

static void test_stale_handle_after_reuse(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHT_READ);

	assert_int_equal(cap_delete(&ta, h), ERR_OK);
	cap_t h2 = install(&ta, &ep, CAP_RIGHT_WRITE);

	assert_int_equal(h2 & (cap_t)CAP_INDEX_MASK, h & (cap_t)CAP_INDEX_MASK); /* same slot */
	struct cap *c;

	assert_int_equal(cap_lookup(&ta, h, CAP_TYPE_NONE, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_delete(&ta, h), ERR_BAD_CAP);
	assert_int_equal(get(&ta, h2)->rights, CAP_RIGHT_WRITE);
}

static void test_owned_object_goes_stale_but_deletes(void **state)
{
	(void)state;
	cap_t h = install(&ta, &unit, CAP_RIGHTS_ALL), d;
	struct cap *c;

	fake_obj_end(&unit);
	assert_int_equal(cap_lookup(&ta, h, CAP_TYPE_UNIT, 0, &c), ERR_BAD_CAP);
	assert_int_equal(cap_derive(&ta, h, 0, 0, &d), ERR_BAD_CAP);
	assert_int_equal(cap_delete(&ta, h), ERR_OK);
	assert_int_equal(ta.free_count, CAP_SLOTS);
}

static void test_exhaustion(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHT_READ), d, last = h;

	for (unsigned i = 1; i < CAP_SLOTS; i++)
		assert_int_equal(cap_derive(&ta, h, 0, 0, &last), ERR_OK);
	assert_int_equal(ta.free_count, 0);
	assert_int_equal(cap_derive(&ta, h, 0, 0, &d), ERR_NOMEM);
	assert_int_equal(cap_install(&ta, &ep.k, 0, 0, &d), ERR_NOMEM);
	assert_int_equal(ep.k.refs, CAP_SLOTS); /* the failures took no reference */
	assert_int_equal(cap_delete(&ta, last), ERR_OK);
	assert_int_equal(cap_derive(&ta, h, 0, 0, &d), ERR_OK);
}

static void test_restrict(void **state)
{
	(void)state;
	cap_t h = install(&ta, &ep, CAP_RIGHT_READ | CAP_RIGHT_WRITE), d;

	assert_int_equal(ep.readers, 1);
	assert_int_equal(cap_restrict(&ta, h, CAP_RIGHT_WRITE | CAP_RIGHT_ADMIN), ERR_OK);
	assert_int_equal(get(&ta, h)->rights, CAP_RIGHT_WRITE); /* never widens */
	assert_int_equal(ep.readers, 0);
	assert_int_equal(ep.k.refs, 1);
	assert_int_equal(cap_derive(&ta, h, CAP_RIGHT_WRITE, 0, &d), ERR_OK);
	assert_int_equal(cap_restrict(&ta, h, 0), ERR_BUSY);
}

static void test_delete_hands_children_up(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), mid, leaf1, leaf2;

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHTS_ALL, 0, &mid), ERR_OK);
	assert_int_equal(cap_derive(&tb, mid, 0, 0, &leaf1), ERR_BAD_CAP); /* not tb's */
	assert_int_equal(cap_derive(&ta, mid, CAP_RIGHT_READ, 0, &leaf1), ERR_OK);
	assert_int_equal(cap_derive(&ta, mid, CAP_RIGHT_WRITE, 0, &leaf2), ERR_OK);
	assert_int_equal(cap_delete(&ta, mid), ERR_OK);
	assert_int_equal(ep.k.refs, 3);
	assert_int_equal(cap_revoke_some(&ta, root), ERR_OK);
	assert_int_equal(ep.k.refs, 1);
	assert_int_equal(ta.free_count, CAP_SLOTS - 1);
	assert_false(cap_has_children(get(&ta, root)));
}

static void test_root_delete_makes_roots(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), a, b, c;

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHTS_ALL, 0, &a), ERR_OK);
	assert_int_equal(cap_derive(&ta, root, CAP_RIGHTS_ALL, 0, &b), ERR_OK);
	assert_int_equal(cap_derive(&ta, a, 0, 0, &c), ERR_OK);
	assert_int_equal(cap_delete(&ta, root), ERR_OK);
	assert_int_equal(cap_revoke_some(&ta, b), ERR_OK); /* a is not b's descendant */
	assert_non_null(get(&ta, a));
	assert_int_equal(cap_revoke_some(&ta, a), ERR_OK);
	struct cap *x;

	assert_int_equal(cap_lookup(&ta, c, CAP_TYPE_NONE, 0, &x), ERR_BAD_CAP);
	assert_int_equal(ep.k.refs, 2);
	assert_int_equal(cap_delete(&ta, a), ERR_OK);
	assert_int_equal(cap_delete(&ta, b), ERR_OK);
	assert_int_equal(ep.destroyed, 1); /* the last capability destroyed it, once */
}

/* A chain and a fan spread over two tables: revoke takes bounded batches and reaches all. */
static void test_revoke_bounded_batches(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), h = root, kids[IPC_MAX_CAPS];
	struct cap *moved[1];
	unsigned steps = 0;

	for (unsigned i = 0; i < 100; i++) { /* a chain, every other link moved to tb */
		cap_t d;

		assert_int_equal(cap_derive(&ta, h, CAP_RIGHTS_ALL, 0, &d), ERR_OK);
		if (i % 2) {
			moved[0] = get(&ta, d);
			assert_int_equal(cap_move(&ta, moved, 1, &tb, kids), ERR_OK);
			assert_int_equal(cap_derive(&tb, kids[0], CAP_RIGHTS_ALL, 0, &d), ERR_OK);
			moved[0] = get(&tb, d);
			assert_int_equal(cap_move(&tb, moved, 1, &ta, kids), ERR_OK);
			d = kids[0];
		}
		h = d;
	}
	assert_int_equal(ep.k.refs, 151);
	int r;

	while ((r = cap_revoke_some(&ta, root)) == CAP_REVOKE_MORE)
		steps++;
	assert_int_equal(r, ERR_OK);
	assert_int_equal(steps, 150 / CAP_REVOKE_BATCH);
	assert_int_equal(ep.k.refs, 1);
	assert_int_equal(ta.free_count, CAP_SLOTS - 1);
	assert_int_equal(tb.free_count, CAP_SLOTS);
}

static void test_move_keeps_tree_and_checks_room(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), a, out[2];
	struct cap *src[2];

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHTS_ALL, 0, &a), ERR_OK);
	src[0] = get(&ta, a);
	src[1] = get(&ta, root);
	while (tb.free_count > 1)
		install(&tb, &unit, 0);
	assert_int_equal(cap_move(&ta, src, 2, &tb, out), ERR_NOMEM);
	assert_non_null(get(&ta, a)); /* nothing moved */
	assert_non_null(get(&ta, root));
	assert_int_equal(cap_move(&ta, src, 1, &tb, out), ERR_OK);
	struct cap *x;

	assert_int_equal(cap_lookup(&ta, a, CAP_TYPE_NONE, 0, &x), ERR_BAD_CAP);
	assert_true(cap_has_children(get(&ta, root)));
	assert_int_equal(cap_revoke_some(&ta, root), ERR_OK);
	assert_int_equal(cap_lookup(&tb, out[0], CAP_TYPE_NONE, 0, &x), ERR_BAD_CAP);
	assert_int_equal(ep.k.refs, 1);
}

static void test_table_clear(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), a, out[1];
	struct cap *src[1];

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHTS_ALL, 0, &a), ERR_OK);
	src[0] = get(&ta, a);
	assert_int_equal(cap_move(&ta, src, 1, &tb, out), ERR_OK);
	cap_table_clear(&ta);
	assert_int_equal(ta.free_count, CAP_SLOTS);
	assert_int_equal(ep.k.refs, 1); /* tb's survives, now a root */
	assert_false(cap_has_children(get(&tb, out[0])));
	cap_table_clear(&tb);
	assert_int_equal(ep.destroyed, 1);
}

static void test_install_at(void **state)
{
	(void)state;
	cap_t h, first;

	assert_int_equal(cap_install_at(&ta, 9, &ep.k, CAP_RIGHT_READ, &h), ERR_OK);
	assert_int_equal(h, CAP_HANDLE(1, 9));
	assert_int_equal(cap_install_at(&ta, 9, &ep.k, 0, &h), ERR_BUSY);
	assert_int_equal(cap_install_at(&ta, 0, &unit.k, CAP_RIGHTS_ALL, &h), ERR_OK);
	assert_int_equal(h, CAP_HANDLE(1, 0));
	first = install(&ta, &ep, 0); /* the free list still runs in slot order */
	assert_int_equal(first, CAP_HANDLE(1, 1));
	assert_int_equal(ta.free_count, CAP_SLOTS - 3);
}

/* A node parked outside any table (a channel queue) keeps its tree links and reference. */
static void test_park_keeps_tree_and_unpark_checks_room(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), child, grand, out;
	struct cap node = {0}, *src = &node;
	uint32_t before;

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHT_READ | CAP_RIGHT_GRANT, 0, &child), ERR_OK);
	assert_int_equal(cap_derive(&ta, child, CAP_RIGHT_READ, 0, &grand), ERR_OK);
	before = ta.free_count;
	cap_park(get(&ta, child), &node);
	assert_null(node.table);
	assert_ptr_equal(node.obj, &ep.k);
	assert_int_equal(node.rights, CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	assert_int_equal(ta.free_count, before + 1);
	assert_int_equal(ep.k.refs, 3); /* parking neither takes nor drops one */
	while (tb.free_count > 0)
		install(&tb, &unit, 0);
	assert_int_equal(cap_move(NULL, &src, 1, &tb, &out), ERR_NOMEM); /* unpark */
	assert_ptr_equal(node.obj, &ep.k); /* nothing moved */
	cap_table_init(&tb);
	assert_int_equal(cap_move(NULL, &src, 1, &tb, &out), ERR_OK);
	assert_null(node.obj);
	assert_int_equal(get(&tb, out)->rights, CAP_RIGHT_READ | CAP_RIGHT_GRANT);
	assert_int_equal(cap_revoke_some(&tb, out), ERR_OK); /* the grandchild, in ta */
	assert_int_equal(cap_delete(&ta, grand), ERR_BAD_CAP);
	assert_int_equal(cap_revoke_some(&ta, root), ERR_OK);
	assert_int_equal(cap_delete(&tb, out), ERR_BAD_CAP);
	assert_int_equal(ep.k.refs, 1);
}

/* Revoke reaches a parked capability; destroying a parked one drops its reference. */
static void test_parked_revoked_and_destroyed(void **state)
{
	(void)state;
	cap_t root = install(&ta, &ep, CAP_RIGHTS_ALL), a, b;
	struct cap na = {0}, nb = {0};

	assert_int_equal(cap_derive(&ta, root, CAP_RIGHT_READ, 0, &a), ERR_OK);
	assert_int_equal(cap_derive(&ta, root, CAP_RIGHT_WRITE, 0, &b), ERR_OK);
	cap_park(get(&ta, a), &na);
	cap_park(get(&ta, b), &nb);
	assert_int_equal(ep.readers, 2);
	assert_int_equal(cap_revoke_some(&ta, root), ERR_OK);
	assert_null(na.obj);
	assert_null(nb.obj);
	assert_int_equal(ep.readers, 1);
	assert_int_equal(cap_derive(&ta, root, CAP_RIGHT_READ, 0, &a), ERR_OK);
	cap_park(get(&ta, a), &na);
	assert_int_equal(cap_delete(&ta, root), ERR_OK);
	assert_int_equal(ep.destroyed, 0); /* the parked capability still names it */
	cap_destroy(&na);
	assert_int_equal(ep.destroyed, 1);
	assert_int_equal(ep.readers, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_lookup_checks_type_and_rights, setup),
	    cmocka_unit_test_setup(test_derive_never_widens, setup),
	    cmocka_unit_test_setup(test_badge_set_once_endpoints_only, setup),
	    cmocka_unit_test_setup(test_stale_handle_after_reuse, setup),
	    cmocka_unit_test_setup(test_owned_object_goes_stale_but_deletes, setup),
	    cmocka_unit_test_setup(test_exhaustion, setup),
	    cmocka_unit_test_setup(test_restrict, setup),
	    cmocka_unit_test_setup(test_delete_hands_children_up, setup),
	    cmocka_unit_test_setup(test_root_delete_makes_roots, setup),
	    cmocka_unit_test_setup(test_revoke_bounded_batches, setup),
	    cmocka_unit_test_setup(test_move_keeps_tree_and_checks_room, setup),
	    cmocka_unit_test_setup(test_table_clear, setup),
	    cmocka_unit_test_setup(test_install_at, setup),
	    cmocka_unit_test_setup(test_park_keeps_tree_and_unpark_checks_room, setup),
	    cmocka_unit_test_setup(test_parked_revoked_and_destroyed, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
