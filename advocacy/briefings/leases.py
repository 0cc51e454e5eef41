"""Who holds an export document: consumers' names, leases left by consumers that died, lost work.

A consumer leases a document while printing it (advocacy.briefings.jobs.claim_document).
A consumer killed mid-document leaves its lease behind; these functions find such leases
and the work no task covers any more, so that a restarted consumer finishes the job.
None of it needs Flask.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from advocacy.briefings.jobs import PENDING, UNFINISHED, utcnow
from advocacy.briefings.models import ExportDocument, ExportJob

# Consumers are named "host:pid:token"; the token tells two processes with the same pid apart.


def owner_name(host: str, pid: int, token: str) -> str:
    return f"{host}:{pid}:{token}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, as another user
    return True


def stale_owner(owner: str, me: str, alive: Callable[[int], bool] = pid_alive) -> bool:
    """Whether a lease's consumer is known to be gone: it ran on this host and its process did not survive."""
    try:
        host, pid, token = owner.rsplit(":", 2)
        my_host, my_pid, my_token = me.rsplit(":", 2)
        number = int(pid)
    except ValueError:
        return False
    if host != my_host or token == my_token:
        return False  # another host's consumer (its lease expires), or this very process
    return pid == my_pid or not alive(number)


def release_stale(session: Session, *, me: str, own: bool = False) -> int:
    """Release leases whose consumer is gone (or expired; or this consumer's own, when stopping).

    Returns how many were released; those documents are pending and unleased again.
    """
    now = utcnow()
    leased = session.execute(
        select(ExportDocument.id, ExportDocument.lease_owner, ExportDocument.lease_until)
        .join(ExportJob, ExportJob.id == ExportDocument.job_id)
        .where(
            ExportJob.status.in_(UNFINISHED),
            ExportDocument.status == PENDING,
            ExportDocument.lease_until.is_not(None),
        )
    ).all()
    stale = [
        row.id
        for row in leased
        if row.lease_until < now or stale_owner(row.lease_owner or "", me) or (own and row.lease_owner == me)
    ]
    if stale:
        session.execute(
            update(ExportDocument)
            .where(ExportDocument.id.in_(stale), ExportDocument.status == PENDING)
            .values(lease_owner=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    session.commit()
    return len(stale)


def waiting_work(session: Session) -> tuple[list[int], list[int]]:
    """Pending documents that nobody holds, and jobs with nothing pending that wait for their zip."""
    documents = list(
        session.scalars(
            select(ExportDocument.id)
            .join(ExportJob, ExportJob.id == ExportDocument.job_id)
            .where(
                ExportJob.status.in_(UNFINISHED),
                ExportDocument.status == PENDING,
                ExportDocument.lease_until.is_(None),
            )
            .order_by(ExportDocument.id)
        )
    )
    pending = (
        select(func.count())
        .select_from(ExportDocument)
        .where(and_(ExportDocument.job_id == ExportJob.id, ExportDocument.status == PENDING))
        .scalar_subquery()
    )
    jobs = list(
        session.scalars(
            select(ExportJob.id).where(ExportJob.status.in_(UNFINISHED), pending == 0).order_by(ExportJob.id)
        )
    )
    return documents, jobs
