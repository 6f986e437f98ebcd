// SPDX-License-Identifier: GPL-2.0
/*
 * The instruction decoder (decode.h).  Linux reaches device registers with
 * plain MOVs (readl/writel and the APIC accessors); that is what is
 * decoded: an operand-size prefix, REX, the opcode, ModRM, SIB,
 * displacement and immediate.  The address itself is not needed: the
 * exit reports it.
 */
#include "decode.h"

#define REX_W	8
#define REX_R	4

/* Bytes of ModRM, SIB and displacement; -1 for a register operand. */
static int modrm_len(const u8 *p, unsigned int avail)
{
	unsigned int mod, rm;

	if (avail < 1)
		return -1;
	mod = p[0] >> 6;
	rm = p[0] & 7;
	if (mod == 3)
		return -1;
	if (rm == 4) {
		if (avail < 2)
			return -1;
		if (mod == 0 && (p[1] & 7) == 5)
			return 6;
		return 2 + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
	}
	if (mod == 0)
		return rm == 5 ? 5 : 1;
	return 1 + (mod == 1 ? 1 : 4);
}

int x86_decode(const u8 *code, unsigned int avail, struct x86_insn *insn)
{
	unsigned int n = 0, rex = 0, opsize = 4, imm_len = 0, op;
	bool byte_op = false;
	int m;

	memset(insn, 0, sizeof(*insn));
	if (avail > 15)
		avail = 15;
	while (n < avail && code[n] == 0x66) {
		opsize = 2;
		n++;
	}
	if (n < avail && (code[n] & 0xf0) == 0x40)
		rex = code[n++];
	if (rex & REX_W)
		opsize = 8;
	if (n >= avail)
		return -1;
	op = code[n++];
	switch (op) {
	case 0x88:		/* mov r/m8, r8 */
	case 0x89:		/* mov r/m, r */
		insn->write = true;
		byte_op = op == 0x88;
		break;
	case 0x8a:		/* mov r8, r/m8 */
	case 0x8b:		/* mov r, r/m */
		byte_op = op == 0x8a;
		break;
	case 0xc6:		/* mov r/m8, imm8 */
	case 0xc7:		/* mov r/m, imm (32 bits at most) */
		insn->write = true;
		insn->has_imm = true;
		byte_op = op == 0xc6;
		imm_len = byte_op ? 1 : opsize == 2 ? 2 : 4;
		break;
	case 0x0f:		/* movzx r, r/m8 and r, r/m16 */
		if (n >= avail || (code[n] != 0xb6 && code[n] != 0xb7))
			return -1;
		insn->size = code[n] == 0xb6 ? 1 : 2;
		n++;
		break;
	default:
		return -1;
	}
	if (n >= avail)
		return -1;
	if ((op == 0xc6 || op == 0xc7) && ((code[n] >> 3) & 7) != 0)
		return -1;
	insn->reg = ((code[n] >> 3) & 7) | (rex & REX_R ? 8 : 0);
	m = modrm_len(code + n, avail - n);
	if (m < 0)
		return -1;
	n += m;
	if (n + imm_len > avail)
		return -1;
	for (m = imm_len - 1; m >= 0; m--)
		insn->imm = (insn->imm << 8) | code[n + m];
	/* imm32 of a 64-bit store is sign-extended */
	if (imm_len == 4 && opsize == 8 && (insn->imm & 0x80000000))
		insn->imm |= 0xffffffff00000000ULL;
	n += imm_len;

	insn->len = n;
	insn->reg_size = byte_op ? 1 : opsize;
	if (!insn->size)
		insn->size = insn->reg_size;
	/* Without REX, byte registers 4-7 are ah, ch, dh, bh. */
	if (byte_op && !rex && insn->reg >= 4 && !insn->has_imm) {
		insn->high_byte = true;
		insn->reg -= 4;
	}
	return 0;
}

/* Segment overrides, operand and address size, REP/REPNE; LOCK is #UD. */
static bool legacy_prefix(u8 b)
{
	return b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e ||
	       b == 0x64 || b == 0x65 || b == 0x66 || b == 0x67 ||
	       b == 0xf2 || b == 0xf3;
}

int x86_plain_len(const u8 *code, unsigned int avail, const u8 *op,
		  unsigned int op_len)
{
	unsigned int n = 0, i;

	if (avail > 15)
		avail = 15;
	while (n < avail && legacy_prefix(code[n]))
		n++;
	if (n < avail && (code[n] & 0xf0) == 0x40)
		n++;
	if (n + op_len > avail)
		return -1;
	for (i = 0; i < op_len; i++)
		if (code[n + i] != op[i])
			return -1;
	return n + op_len;
}
