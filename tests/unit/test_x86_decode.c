// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of the x86 instruction decoder (hypervisor/arch/x86/
 * decode.c): the loads and stores Linux uses on device registers, with
 * their lengths, sizes and operands, and what it must refuse; the length
 * of INVD, which the hypervisor skips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/arch/x86/decode.c"

#define DECODE(in, ...) ({						\
	static const u8 code_[] = { __VA_ARGS__ };			\
	x86_decode(code_, sizeof(code_), (in));				\
})

/* mov %esi, 0x300(%rax): Linux's xAPIC write of the ICR. */
static void store_reg_disp32(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x89, 0xb0, 0x00, 0x03, 0x00, 0x00), 0);
	assert_int_equal(in.len, 6);
	assert_int_equal(in.size, 4);
	assert_true(in.write);
	assert_false(in.has_imm);
	assert_int_equal(in.reg, 6);	/* esi */
}

/* mov %r9d, (%rdx) and mov %r8, -8(%rbx): REX.R and REX.W. */
static void store_rex(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x44, 0x89, 0x0a), 0);
	assert_int_equal(in.len, 3);
	assert_int_equal(in.size, 4);
	assert_int_equal(in.reg, 9);
	assert_int_equal(DECODE(&in, 0x4c, 0x89, 0x43, 0xf8), 0);
	assert_int_equal(in.len, 4);
	assert_int_equal(in.size, 8);
	assert_int_equal(in.reg, 8);
}

/* mov %eax, 0xffffffffff5fb0b0: absolute, through SIB without base. */
static void store_sib_absolute(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x89, 0x04, 0x25, 0xb0, 0xb0, 0x5f, 0xff), 0);
	assert_int_equal(in.len, 7);
	assert_int_equal(in.reg, 0);
	/* mov %ecx, 0x10(%rax,%rbx,4): SIB and disp8 */
	assert_int_equal(DECODE(&in, 0x89, 0x4c, 0x98, 0x10), 0);
	assert_int_equal(in.len, 4);
	assert_int_equal(in.reg, 1);
	/* mov %edx, 0x100(%rip) */
	assert_int_equal(DECODE(&in, 0x89, 0x15, 0x00, 0x01, 0x00, 0x00), 0);
	assert_int_equal(in.len, 6);
	assert_int_equal(in.reg, 2);
}

/* 16- and 8-bit stores, with ah..bh without REX and sil with it. */
static void store_narrow(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x66, 0x89, 0x07), 0);	/* mov %ax,(%rdi) */
	assert_int_equal(in.len, 3);
	assert_int_equal(in.size, 2);
	assert_int_equal(DECODE(&in, 0x88, 0x27), 0);		/* mov %ah,(%rdi) */
	assert_int_equal(in.size, 1);
	assert_true(in.high_byte);
	assert_int_equal(in.reg, 0);
	assert_int_equal(DECODE(&in, 0x40, 0x88, 0x37), 0);	/* mov %sil,(%rdi) */
	assert_false(in.high_byte);
	assert_int_equal(in.reg, 6);
}

/* movl $0, 0xb0(%rax) (EOI) and movq $-1, (%rdi), movb $1, (%rdi) */
static void store_immediate(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0xc7, 0x80, 0xb0, 0x00, 0x00, 0x00,
				0x00, 0x00, 0x00, 0x00), 0);
	assert_int_equal(in.len, 10);
	assert_true(in.has_imm);
	assert_int_equal(in.imm, 0);
	assert_int_equal(in.size, 4);
	assert_int_equal(DECODE(&in, 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff,
				0xff), 0);
	assert_int_equal(in.size, 8);
	assert_int_equal(in.imm, 0xffffffffffffffffULL);
	assert_int_equal(DECODE(&in, 0xc6, 0x07, 0x01), 0);
	assert_int_equal(in.len, 3);
	assert_int_equal(in.size, 1);
	assert_int_equal(in.imm, 1);
}

/* Loads: mov (%rax),%eax, mov 0x20(%rdx),%r10d, movzbl and movzwl. */
static void loads(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x8b, 0x00), 0);
	assert_false(in.write);
	assert_int_equal(in.len, 2);
	assert_int_equal(in.size, 4);
	assert_int_equal(DECODE(&in, 0x44, 0x8b, 0x52, 0x20), 0);
	assert_int_equal(in.reg, 10);
	assert_int_equal(in.len, 4);
	assert_int_equal(DECODE(&in, 0x0f, 0xb6, 0x07), 0);
	assert_int_equal(in.size, 1);
	assert_int_equal(in.reg_size, 4);
	assert_int_equal(in.len, 3);
	assert_int_equal(DECODE(&in, 0x48, 0x0f, 0xb7, 0x47, 0x08), 0);
	assert_int_equal(in.size, 2);
	assert_int_equal(in.reg_size, 8);
	assert_int_equal(in.len, 5);
}

/* Not a memory MOV, a register operand, or cut short: refused. */
static void refused(void **state)
{
	struct x86_insn in;

	assert_int_equal(DECODE(&in, 0x90), -1);		/* nop */
	assert_int_equal(DECODE(&in, 0x89, 0xc0), -1);		/* mov %eax,%eax */
	assert_int_equal(DECODE(&in, 0x89, 0x80, 0x00), -1);	/* disp32 cut */
	assert_int_equal(DECODE(&in, 0xc7, 0x08, 0x00, 0x00, 0x00, 0x00), -1);
	assert_int_equal(DECODE(&in, 0x0f, 0x0b), -1);		/* ud2 */
	assert_int_equal(DECODE(&in, 0x48), -1);
	assert_int_equal(x86_decode((const u8 *)"", 0, &in), -1);
}

#define PLAIN_LEN(op, ...) ({					\
	static const u8 code_[] = { __VA_ARGS__ };			\
	x86_plain_len(code_, sizeof(code_), (op), sizeof(op));		\
})

/* INVD (0f 08), which the hypervisor does as WBINVD and skips. */
static void invd_length(void **state)
{
	static const u8 invd[] = { 0x0f, 0x08 };

	assert_int_equal(PLAIN_LEN(invd, 0x0f, 0x08), 2);
	/* what follows is not part of it */
	assert_int_equal(PLAIN_LEN(invd, 0x0f, 0x08, 0x0f, 0x08, 0x90), 2);
	/* prefixes count: rep, a segment override, operand size, REX */
	assert_int_equal(PLAIN_LEN(invd, 0xf3, 0x0f, 0x08), 3);
	assert_int_equal(PLAIN_LEN(invd, 0x2e, 0x66, 0x0f, 0x08), 4);
	assert_int_equal(PLAIN_LEN(invd, 0x48, 0x0f, 0x08), 3);
	assert_int_equal(PLAIN_LEN(invd, 0x66, 0x41, 0x0f, 0x08), 4);
	/* not INVD: WBINVD, LOCK, cut short, REX before a prefix, nothing */
	assert_int_equal(PLAIN_LEN(invd, 0x0f, 0x09), -1);
	assert_int_equal(PLAIN_LEN(invd, 0xf0, 0x0f, 0x08), -1);
	assert_int_equal(PLAIN_LEN(invd, 0x0f), -1);
	assert_int_equal(PLAIN_LEN(invd, 0x48, 0x66, 0x0f, 0x08), -1);
	assert_int_equal(x86_plain_len((const u8 *)"", 0, invd, 2), -1);
}

/* More than 15 bytes of prefixes is no instruction. */
static void plain_len_limit(void **state)
{
	static const u8 invd[] = { 0x0f, 0x08 };
	u8 code[20];

	memset(code, 0x66, sizeof(code));
	code[13] = 0x0f;
	code[14] = 0x08;
	assert_int_equal(x86_plain_len(code, sizeof(code), invd, 2), 15);
	code[13] = 0x66;
	code[14] = 0x66;
	code[15] = 0x0f;
	code[16] = 0x08;
	assert_int_equal(x86_plain_len(code, sizeof(code), invd, 2), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(store_reg_disp32),
		cmocka_unit_test(store_rex),
		cmocka_unit_test(store_sib_absolute),
		cmocka_unit_test(store_narrow),
		cmocka_unit_test(store_immediate),
		cmocka_unit_test(loads),
		cmocka_unit_test(refused),
		cmocka_unit_test(invd_length),
		cmocka_unit_test(plain_len_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
