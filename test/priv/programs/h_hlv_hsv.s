# Hypervisor loads and stores (hlv/hlvx/hsv) from HS and M: they translate
# like a VS (hstatus.SPVP = 1) or VU (SPVP = 0) access through vsatp and
# hgatp; hlvx needs execute permission instead of read; U-mode may use them
# only with hstatus.HU; their faults set GVA.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GIDMAP groot
        MAPL groot, 0x100000000, page, PTE_V|PTE_R|PTE_W|PTE_X|PTE_U|PTE_A|PTE_D, 0, 0x13
        IDMAP vroot, 3
        MAP vroot, 0x40000000, 0x100000000, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 3
        MAP vroot, 0x40001000, 0x100000000, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 3
        MAP vroot, 0x40002000, 0x100000000, PTE_V|PTE_X|PTE_A, 0, 3
        la t0, page
        li t1, 0x1234567890abcdef
        sd t1, 0(t0)
        SET_ATP hgatp, 8, groot
        hfence.gvma
        SET_ATP vsatp, 8, vroot
        hfence.vvma
        li t0, HSTATUS_SPVP
        csrs hstatus, t0
        SAY "HS, SPVP=1: hlv.d, hlv.wu, hlv.b, hsv.w through VA 0x40000000"
        GO_S
        li s0, 0x40000000
        hlv.d s1, (s0)
        hlv.wu s2, (s0)
        hlv.b s3, (s0)
        li t0, 0x55667788
        addi t1, s0, 8
        hsv.w t0, (t1)
        TO_M
        PUT "hlv.d", s1
        PUT "hlv.wu", s2
        PUT "hlv.b", s3
        la t0, page
        ld s4, 8(t0)
        PUT "stored", s4
        # QEMU 7.2 reports permission failures of hlv/hlvx from HS as access
        # faults (it looks at the HS satp) and refuses hlvx on execute-only
        # pages, so these cases print "spec:" lines
        SAY "HS: hlvx.hu on the execute-only page works, hlv.h faults"
        GO_S
        li s0, 0x40002000
        SPEC_BEGIN
        hlvx.hu s1, (s0)
        SPEC_END -1, "hlvx.hu of an execute-only page succeeds"
        SPEC_BEGIN
        hlv.h a0, (s0)
        SPEC_END 13, "hlv.h of an execute-only page is a load page fault"
        TO_M
        SAY "SPVP=0: as VU, the supervisor page faults, the U page works"
        li t0, HSTATUS_SPVP
        csrc hstatus, t0
        GO_S
        li s0, 0x40000000
        SPEC_BEGIN
        hlv.w a0, (s0)
        SPEC_END 13, "hlv.w as VU of a supervisor page is a load page fault"
        li s0, 0x40001000
        hlv.w s1, (s0)
        TO_M
        PUT "hlv.w", s1
        SAY "M-mode may use them too (as VS with SPVP=1)"
        li t0, HSTATUS_SPVP
        csrs hstatus, t0
        li s0, 0x40000000
        hlv.w s2, (s0)
        PUT "m hlv.w", s2
        li t0, HSTATUS_SPVP
        csrc hstatus, t0
        SAY "U-mode: illegal with HU=0, fine with HU=1"
        GO_U
        li s0, 0x40001000
        hlv.w a0, (s0)
        TO_M
        li t0, HSTATUS_HU
        csrs hstatus, t0
        GO_U
        li s0, 0x40001000
        hlv.w s3, (s0)
        TO_M
        PUT "u hlv.w", s3
        csrw hstatus, zero
        csrw vsatp, zero
        csrw hgatp, zero
        hfence.gvma
        FINISH

        .bss
        .balign 16384
groot:  .skip 16384
vroot:  .skip 4096
page:   .skip 4096
