"""The sync's refusals are OperatorErrors: message_for gives their own words, not a defect."""
from sitcentre.services.keys import ExchangeNotReady
from sitcentre.services.sync_http import PinnedCertificateError
from ui.common.messages import message_for


def test_message_for_gives_the_sync_refusals_in_their_words():
    assert message_for(ExchangeNotReady()) == str(ExchangeNotReady())
    assert "install init" in message_for(ExchangeNotReady())
    assert message_for(PinnedCertificateError("The file is not a PEM certificate.")) == \
        "The file is not a PEM certificate."
