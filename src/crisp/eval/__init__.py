"""`crisp eval`: measure counselling models with simulated clients, LLM judges and labelled sets.

- `run`: the run folder (manifest, rows, failures, response cache), resume, the item loop;
- `stats`: bootstrap CIs, paired t, ANOVA + Tukey HSD, Cohen's d, weighted kappa,
  Krippendorff's alpha, F1 scores;
- `identify`: distortion identification through the CRDial core-belief step;
- `sessions`: simulated clients meet the model under test through the conversation engine, as in chat;
- `pointwise`: simulated clients talk to each model, judges rate six dimensions;
- `pairwise`: turn-level A/B preference in both orders (a flip is a tie);
- `intervention`: PANAS before and after, in character, paired design;
- `strategies`: the sentence strategy labeller and its measurement on ESConv-style turns;
- `safety`: crisis personas against the engine with its safety layer and, evaluation only, without it;
- `ablation`: pointwise and pairwise over the three models `crisp train` makes;
- `human`: blinded rating sheets (CSV, offline HTML form) and judge-human agreement;
- `testing`: the scripted eval double (judge, labeller, client), named as such;
- `report`: plots (PNG) shared by the subcommands;
- `commands`: the typer app (`crisp eval ...`).

Importing this package imports nothing heavy.
"""
