#include "textflag.h"

// func request(args *[6]uint64) uint64
//
// Valgrind's client request for amd64 (valgrind.h): the address of the
// arguments in AX, the default answer in DX, four rotations of DI by 3,
// 13, 61 and 51 bits (64 in all: DI is unchanged) and xchgq %rbx,%rbx,
// which Valgrind replaces by the request; the answer comes back in DX.
// Written as bytes so that the encoding is exactly valgrind.h's.
TEXT ·request(SB), NOSPLIT, $0-16
	MOVQ args+0(FP), AX
	XORQ DX, DX
	BYTE $0x48; BYTE $0xc1; BYTE $0xc7; BYTE $0x03 // rolq $3, %rdi
	BYTE $0x48; BYTE $0xc1; BYTE $0xc7; BYTE $0x0d // rolq $13, %rdi
	BYTE $0x48; BYTE $0xc1; BYTE $0xc7; BYTE $0x3d // rolq $61, %rdi
	BYTE $0x48; BYTE $0xc1; BYTE $0xc7; BYTE $0x33 // rolq $51, %rdi
	BYTE $0x48; BYTE $0x87; BYTE $0xdb             // xchgq %rbx, %rbx
	MOVQ DX, ret+8(FP)
	RET
