"""SQLAlchemy 2 models of the plan register; one schema for SQLite and PostgreSQL.

The register is the commune's source of truth: units in a tree, their agency directory,
stored source files, plans with their targets, milestones and tasks, who answers for each
item, and the links between documents and between targets. Every editable record carries
`version` (SQLAlchemy's version counter) so a stale save fails instead of overwriting.

Items keep the extractor's proposal in `original` beside whatever a person corrected, and
their `span` into the stored source text, so the review screen can always show both.

The models live in a module per area (register, progress, accounts, and the units' data
stamps that status caches are keyed on) on one base; every name is re-exported here, so
`from theodoi.storage.models import Plan` works as before.
"""

from theodoi.storage.models.accounts import *  # noqa: F403
from theodoi.storage.models.accounts import __all__ as _accounts
from theodoi.storage.models.approval import *  # noqa: F403
from theodoi.storage.models.approval import __all__ as _approval
from theodoi.storage.models.base import NAMING, Base, utcnow
from theodoi.storage.models.dossier import *  # noqa: F403
from theodoi.storage.models.dossier import __all__ as _dossier
from theodoi.storage.models.emulation import *  # noqa: F403
from theodoi.storage.models.emulation import __all__ as _emulation
from theodoi.storage.models.evaluation import *  # noqa: F403
from theodoi.storage.models.evaluation import __all__ as _evaluation
from theodoi.storage.models.exchange import *  # noqa: F403
from theodoi.storage.models.exchange import __all__ as _exchange
from theodoi.storage.models.instructions import *  # noqa: F403
from theodoi.storage.models.instructions import __all__ as _instructions
from theodoi.storage.models.jobs import *  # noqa: F403
from theodoi.storage.models.jobs import __all__ as _jobs
from theodoi.storage.models.outgoing import *  # noqa: F403
from theodoi.storage.models.outgoing import __all__ as _outgoing
from theodoi.storage.models.progress import *  # noqa: F403
from theodoi.storage.models.progress import __all__ as _progress
from theodoi.storage.models.register import *  # noqa: F403
from theodoi.storage.models.register import __all__ as _register
from theodoi.storage.models.reminders import *  # noqa: F403
from theodoi.storage.models.reminders import __all__ as _reminders
from theodoi.storage.models.rollup import *  # noqa: F403
from theodoi.storage.models.rollup import __all__ as _rollup
from theodoi.storage.models.stamps import *  # noqa: F403
from theodoi.storage.models.stamps import __all__ as _stamps
from theodoi.storage.models.tokens import *  # noqa: F403
from theodoi.storage.models.tokens import __all__ as _tokens
from theodoi.storage.models.validation import *  # noqa: F403
from theodoi.storage.models.validation import __all__ as _validation

__all__ = ["NAMING", "Base", "utcnow", *_register, *_progress, *_accounts, *_stamps,
           *_tokens, *_jobs, *_reminders, *_approval, *_emulation, *_evaluation,
           *_outgoing, *_validation, *_rollup, *_instructions, *_dossier, *_exchange]
