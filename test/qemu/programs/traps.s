# M-mode synchronous traps as QEMU virt raises them: illegal instructions
# (mtval = the instruction bits), ecall/ebreak, access faults on load, store
# and fetch, and which misaligned accesses trap. Each case prints the trap
# it got; CHECKs hold what the privileged spec requires.
        .include "support.inc"
        .text
        .globl _start
_start:
        HS_INIT
        TRAP_INIT

        SAY "illegal: custom-0 opcode"
        .word 0x0000000b
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "custom-0 mcause"

        SAY "illegal: all-zero compressed"
        .half 0x0000
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "c.zero mcause"

        SAY "illegal: write to read-only mvendorid"
        csrw mvendorid, zero
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "csrw mvendorid mcause"

        SAY "illegal: custom CSR 0x8ff"
        csrr a0, 0x8ff
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "csrr 0x8ff mcause"

        SAY "illegal: reserved rounding mode 5 in the instruction"
        .word 0x0220d0d3            # fadd.d f1, f1, f2 with rm=5
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "rm=5 mcause"

        SAY "illegal: dynamic rounding with frm=7"
        li t0, 7
        fsrm t0
        fadd.d f1, f1, f2, dyn
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "frm=7 mcause"
        fsrm zero

        SAY "illegal: FP instruction with mstatus.FS off"
        li t0, 0x6000
        csrc mstatus, t0
        fadd.d f1, f1, f2
        LAST_TRAP s0, s1, s2
        CHECK s0, 2, "FS=off mcause"
        li t0, 0x2000
        csrs mstatus, t0

        SAY "ecall"
        ecall
        LAST_TRAP s0, s1, s2
        CHECK s0, 11, "ecall mcause"
        CHECK s1, 0, "ecall mtval"

        SAY "ebreak"
        .option push
        .option norvc
        ebreak
        .option pop
        LAST_TRAP s0, s1, s2
        CHECK s0, 3, "ebreak mcause"

        SAY "c.ebreak"
        c.ebreak
        LAST_TRAP s0, s1, s2
        CHECK s0, 3, "c.ebreak mcause"

        SAY "load access fault past the end of RAM"
        li s3, 0x88000000
        lw a0, 0(s3)
        LAST_TRAP s0, s1, s2
        CHECK s0, 5, "load fault mcause"
        CHECK s1, 0x88000000, "load fault mtval"

        SAY "store access fault past the end of RAM"
        sd zero, 8(s3)
        LAST_TRAP s0, s1, s2
        CHECK s0, 7, "store fault mcause"
        CHECK s1, 0x88000008, "store fault mtval"

        # The spec wants a store/AMO access fault (7); QEMU 7.2 raises a load
        # access fault (5) because it performs the read half first. Either is
        # accepted: the program prints only that it was an access fault.
        SAY "AMO access fault"
        QUIET 1
        amoadd.w a0, a0, (s3)
        QUIET 0
        LAST_TRAP s0, s1, s2
        CHECK s1, 0x88000000, "amo fault mtval"
        li t0, 5
        sub s0, s0, t0
        andi s0, s0, -3             # 5 and 7 both become 0
        CHECK s0, 0, "AMO fault is an access fault"

        SAY "load from the unmapped hole at 0x0"
        li s3, 0
        ld a0, 0(s3)
        LAST_TRAP s0, s1, s2
        PUT "mcause", s0

        SAY "store to the reset ROM at 0x1000, then read back"
        li s3, 0x1000
        ld s4, 0(s3)
        li t0, 0x1122334455667788
        sd t0, 0(s3)
        ld s5, 0(s3)
        sub s5, s5, s4
        PUT "rom changed by", s5

        SAY "fetch access fault"
        RESUME_AT 1f
        li t0, 0x88000000
        jr t0
1:      LAST_TRAP s0, s1, s2
        CHECK s0, 1, "fetch fault mcause"
        CHECK s1, 0x88000000, "fetch fault mtval"
        CHECK s2, 0x88000000, "fetch fault mepc"

        SAY "misaligned loads and stores in RAM"
        la s3, buf
        la t0, trap_last
        sd zero, 0(t0)
        ld a0, 1(s3)
        PUT "ld +1", a0
        lw a0, 3(s3)
        PUT "lw +3", a0
        lhu a0, 7(s3)
        PUT "lhu +7", a0
        li t0, 0x0102030405060708
        sd t0, 13(s3)
        sw t0, 22(s3)
        sh t0, 27(s3)
        ld a0, 8(s3)
        PUT "buf[8]", a0
        ld a0, 16(s3)
        PUT "buf[16]", a0
        ld a0, 24(s3)
        PUT "buf[24]", a0
        fld f0, 4(s3)
        fmv.x.d a0, f0
        PUT "fld +4", a0
        LAST_TRAP s0, s1, s2
        PUT "mcause after misaligned plain accesses (0 = none trapped)", s0

        # A misaligned AMO or LR must trap, with an address-misaligned or
        # access fault: QEMU 7.2 raises load-address-misaligned (4) where the
        # spec names store/AMO (6) for the AMO. Printed normalized: 1 if the
        # cause is one of 4..7. (QEMU 7.2 also lets an SC whose reservation
        # does not match fail without the alignment check, so SC is left out.)
        SAY "misaligned AMO and LR"
        QUIET 1
        addi s4, s3, 2
        amoadd.w a0, a0, (s4)
        LAST_TRAP s0, s1, s2
        sub s1, s1, s3
        CHECK s1, 2, "misaligned amoadd.w mtval"
        addi s0, s0, -4
        sltiu s0, s0, 4
        PUT "amoadd.w +2 trapped with a misaligned/access cause", s0
        addi s4, s3, 4
        lr.d a0, (s4)
        LAST_TRAP s0, s1, s2
        sub s1, s1, s3
        CHECK s1, 4, "misaligned lr.d mtval"
        addi s0, s0, -4
        sltiu s0, s0, 4
        PUT "lr.d +4 trapped with a misaligned/access cause", s0
        QUIET 0

        FINISH

        .data
        .balign 16
buf:    .dword 0x1111111111111111, 0x2222222222222222, 0x3333333333333333, 0x4444444444444444
