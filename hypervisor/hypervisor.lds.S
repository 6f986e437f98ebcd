/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link the hypervisor as one flat image: the header first (the driver reads
 * it at offset 0), then code, read-only data, data and bss.  Everything is
 * page aligned where the hypervisor maps it with different permissions.
 */
ENTRY(arch_entry)

SECTIONS
{
	. = LINK_BASE;
	__image_start = .;
	.header : { KEEP(*(.header)) }
	. = ALIGN(16);
	.text : { *(.text.entry) *(.text .text.*) }
	. = ALIGN(4096);
	.rodata : { *(.rodata .rodata.*) }
	. = ALIGN(4096);
	.data : { *(.data .data.*) }
	. = ALIGN(64);
	__bss_start = .;
	.bss : { *(.bss .bss.*) *(COMMON) }
	. = ALIGN(4096);
	__image_end = .;
	__image_size = ABSOLUTE(__image_end - __image_start);
	__entry_offset = ABSOLUTE(arch_entry - __image_start);

	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
