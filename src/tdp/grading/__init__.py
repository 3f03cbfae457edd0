"""Graded exercises and the trainer's grading pipeline (on top of nbgrader).

- `tdp.grading.bai_tap`: what the exercise notebooks import (sample people, checking a filing
  through the engine, Vietnamese error lists);
- `tdp.grading.release`: `tdp course release`, solutions/ -> exercises/ through nbgrader;
- `tdp.grading.pipeline`: `tdp grade collect | autograde | feedback | export`.
"""
