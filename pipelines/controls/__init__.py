"""Controls against gaming the objectives (DOMAIN.md section 8, issue 15).

Six pure rules (:mod:`.rules`) over plain inputs (:mod:`.model`) read by SQL under
``pipelines/sql/controls`` (:mod:`.compute`); review marks in the store (:mod:`.review`);
one use case the CLI and the page share (:mod:`.service`).
"""
