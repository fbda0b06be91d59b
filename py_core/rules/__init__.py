"""Every rule, one module each. Importing this package registers them all, in this order
(the order of the catalogue and of findings of equal severity)."""

from . import unsubscribe_missing  # noqa: F401, I001 - registration order is the catalogue order
from . import unsubscribe_broken  # noqa: F401
from . import reason_missing  # noqa: F401
from . import postal_address_missing  # noqa: F401
from . import contact_missing  # noqa: F401
from . import unsubscribe_manual  # noqa: F401
from . import unsubscribe_hidden  # noqa: F401
from . import sender_name_missing  # noqa: F401
from . import organisation_missing  # noqa: F401
from . import noreply_sender  # noqa: F401
from . import recipients_exposed  # noqa: F401
from . import duplicate_send  # noqa: F401
from . import unsubscribe_clipped  # noqa: F401
from . import placeholder_unresolved  # noqa: F401
from . import consent_prechecked  # noqa: F401
from . import consent_bundled  # noqa: F401
from . import list_unsubscribe_missing  # noqa: F401
from . import third_party_content  # noqa: F401
from . import logo_missing  # noqa: F401
from . import image_only  # noqa: F401
