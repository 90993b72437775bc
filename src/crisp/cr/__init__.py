"""The theory of cognitive restructuring, as pure data and logic (no I/O).

`taxonomy` owns every label list (distortions, strategies, stages, sub-steps);
`schema` is the Crisp record; `plan` is the CRDial state machine; `checks`
are the structural checks every other package uses.
"""
