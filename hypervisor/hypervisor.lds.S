/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link the hypervisor as one flat image: the header first (the driver reads
 * it at offset 0), then code, read-only data, data and bss, and last the
 * console ring in pages of its own (the root cell may read them).  Code,
 * read-only data and the rest are page aligned, since the hypervisor maps
 * them with different permissions.
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
	__text_end = .;
	.rodata : { *(.rodata .rodata.*) }
	. = ALIGN(4096);
	__rodata_end = .;
	.data : { *(.data .data.*) }
	. = ALIGN(64);
	__bss_start = .;
	.bss : { *(.bss .bss.*) *(COMMON) }
	. = ALIGN(4096);
	__console_start = .;
	.console (NOLOAD) : { KEEP(*(.console)) }
	. = ALIGN(4096);
	__console_end = .;
	__image_end = .;
	__image_size = ABSOLUTE(__image_end - __image_start);
	__entry_offset = ABSOLUTE(arch_entry - __image_start);
	__console_offset = ABSOLUTE(__console_start - __image_start);
	__console_size = ABSOLUTE(__console_end - __console_start);

	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
