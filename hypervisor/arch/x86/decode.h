/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of an x86-64 instruction decoder for the memory accesses the
 * hypervisor emulates (QEMU's SVM gives neither the next instruction's
 * address nor its bytes): MOV to and from memory, MOVZX loads, and the
 * length of an instruction the hypervisor emulates and skips (INVD).
 * Host-tested in tests/unit/test_x86_decode.c.
 */
#ifndef _X86_DECODE_H
#define _X86_DECODE_H

#include <warden/lib.h>

struct x86_insn {
	unsigned int len;	/* bytes of the instruction */
	unsigned int size;	/* bytes accessed in memory */
	bool write;		/* a store (else a load) */
	bool has_imm;		/* stores imm, not a register */
	u64 imm;
	unsigned int reg;	/* the register operand, 0 (rax) .. 15 */
	bool high_byte;		/* ... and it is ah, ch, dh or bh */
	unsigned int reg_size;	/* its width: a load writes that much */
};

/*
 * Decode the 64-bit mode instruction in code[0 .. avail - 1].  0, or -1
 * if it is not one the decoder knows (or is cut short).
 */
int x86_decode(const u8 *code, unsigned int avail, struct x86_insn *insn);

/*
 * The length of an instruction without operands whose opcode bytes are
 * op[0 .. op_len - 1] (INVD: 0f 08), after any legacy prefixes (not LOCK)
 * and a REX prefix; -1 if code[] is not that instruction.
 */
int x86_plain_len(const u8 *code, unsigned int avail, const u8 *op,
		  unsigned int op_len);

#endif /* _X86_DECODE_H */
