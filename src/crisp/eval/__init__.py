"""`crisp eval`: measure counselling models with simulated clients, LLM judges and labelled sets.

- `run`: the run folder (manifest, rows, failures, response cache), resume, the item loop;
- `stats`: bootstrap CIs, paired t, ANOVA + Tukey HSD, Cohen's d, weighted kappa,
  Krippendorff's alpha, F1 scores;
- `identify`: distortion identification through the CRDial core-belief step;
- `pointwise`: simulated clients talk to each model, judges rate six dimensions;
- `report`: plots (PNG) shared by the subcommands;
- `commands`: the typer app (`crisp eval ...`).

Importing this package imports nothing heavy.
"""
