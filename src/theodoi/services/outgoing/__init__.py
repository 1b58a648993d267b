"""Outgoing documents (văn bản đi): a unit's periodic reports numbered in its register,
signed, and sent to the unit above, which sees them received.

Owns the register of numbers per unit, year and symbol and the documents entered in it
(`register`: vào sổ with number and date written into the DOCX, the signed PDF uploaded
back with its digital signature detected by `signatures`, cancel, send), and the unit
above's side (`received`: its inbox of documents received, and the table of which units
below sent which periodic report, which are late).
"""

__all__ = ["received", "register", "signatures"]
