"""The pure rules core: deterministic decisions over exam knowledge.

Every public rule is ``rule(exam, request, today) -> Decision`` (see ``rules.types``). Rules never
read the clock, the disk, the network or the environment.
"""
