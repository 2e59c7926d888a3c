"""A small programme written through the real services, touching every table.

    programme = fill(services)     # services over an empty, migrated database

Users `ada` (admin), `sam` (supervisor), `tess` and `tim` (trainees), `ivy` (instructor); a
cohort "Spring intake" with sam as supervisor and tess and tim as trainees; the shipped
personas plus `example-sam` authored by ivy (published, then a draft, a golden, visible to the
cohort); tess's ended and open practice sessions, tim's ended session, sam's imported
transcript; sam's completed review of tess's ended session (codes, comments, ratings); API
tokens, a browser login and login attempts.
"""

from __future__ import annotations

from dataclasses import dataclass

from scenario_helpers import edited, example_text

from mi_sim.services import Services
from mi_sim.services.records import UserRecord

PASSWORD = "correct horse battery"
TESS_PASSWORD = "tess's own pass phrase ✓"
EXAMPLE = "example-sam"
LINES = ("What brings you here today?", "It sounds like you are exhausted.",
         "So part of you wants to rest, and part of you worries — café au lait?",
         "How is work going?", "What would you like to be different?")
TRANSCRIPT = """\
C: I'm only here because my GP sent me.
T: What brings you in today?
C: My heart races at night.
T: It sounds like you are scared that something is badly wrong with your heart.
"""


@dataclass(frozen=True)
class Programme:
    ada: UserRecord
    sam: UserRecord
    tess: UserRecord
    tim: UserRecord
    ivy: UserRecord
    cohort_id: int
    tess_token: str
    sam_token: str
    tess_ended: str      # tess's ended, reviewed session
    tess_open: str       # tess's session still open
    tim_ended: str
    imported: str        # sam's imported transcript


def fill(services: Services) -> Programme:
    s = services
    s.personas.sync_shipped_personas()
    ada = s.accounts.create_user("ada", "admin", PASSWORD)
    sam = s.accounts.create_user("sam", "supervisor", PASSWORD)
    tess = s.accounts.create_user("tess", "trainee", TESS_PASSWORD)
    tim = s.accounts.create_user("tim", "trainee", PASSWORD)
    ivy = s.accounts.create_user("ivy", "instructor", PASSWORD)
    tess_token = s.accounts.create_api_token("tess")
    sam_token = s.accounts.create_api_token("sam")
    cohort = s.cohorts.create_cohort("Spring intake")
    for name in ("sam", "tess", "tim"):
        s.cohorts.add_member("Spring intake", name)

    s.library.new_draft(ivy, EXAMPLE, example_text())
    s.library.publish(ivy, EXAMPLE)
    s.library.save_draft(ivy, EXAMPLE, edited("Sam, 46", "Sam, 47"))
    s.library.set_cohorts(ivy, EXAMPLE, [cohort.id])
    s.library.record_golden(ivy, EXAMPLE, "first", "standard", 3, list(LINES[:3]))

    tess_ended = s.practice.start_session(tess, "panic-disorder", seed=7).id
    for number, line in enumerate(LINES, start=1):
        s.practice.post_turn(tess, tess_ended, line, client_turn_id=f"t-{number}")
    s.practice.end_session(tess, tess_ended)
    tess_open = s.practice.start_session(tess, EXAMPLE, seed=3).id
    s.practice.post_turn(tess, tess_open, LINES[0])
    tim_ended = s.practice.start_session(tim, "health-anxiety", seed=1).id
    for line in LINES[:2]:
        s.practice.post_turn(tim, tim_ended, line)
    s.practice.end_session(tim, tim_ended)
    imported = s.imports.import_transcript(sam, TRANSCRIPT, "visit.txt", "First visit")

    s.reviews.set_code(sam, tess_ended, 1, "question_closed")
    s.reviews.add_comment(sam, tess_ended, 2, "Très bien — a real reflection.")
    s.reviews.add_comment(sam, tess_ended, None, "Tess should slow down.")
    s.reviews.set_globals(sam, tess_ended, {"cultivating_change_talk": 3,
                                            "softening_sustain_talk": 4, "partnership": 3,
                                            "empathy": 5})
    s.reviews.set_overall_comment(sam, tess_ended, "Good work, Tess.")
    s.reviews.complete(sam, tess_ended)
    s.reviews.add_comment(ada, tim_ended, 1, "Nice opening.")

    s.accounts.authenticate("tess", TESS_PASSWORD, "10.0.0.1")
    s.accounts.start_web_session(tess)
    return Programme(ada, sam, tess, tim, ivy, cohort.id, tess_token, sam_token, tess_ended,
                     tess_open, tim_ended, imported.session_id)
