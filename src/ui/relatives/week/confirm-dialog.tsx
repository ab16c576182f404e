/**
 * "Tilmeld Anna til Tur i minibus tirsdag 14.00?" with Ja / Fortryd: every act on the resident's
 * behalf is asked first. React Aria's modal: focus moves in, Escape and a tap outside are
 * "Fortryd", and focus returns to the button that opened it.
 */
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { WeekWords } from './words.js';

interface Props {
  question: string;
  w: WeekWords;
  onYes: () => void;
  onNo: () => void;
}

export function ConfirmDialog({ question, w, onYes, onNo }: Props) {
  return (
    <ModalOverlay
      className="week-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onNo()}
    >
      <Modal className="week-modal">
        <Dialog role="alertdialog" className="week-dialog">
          <Heading slot="title" className="week-question">
            {question}
          </Heading>
          <div className="week-answers">
            <Button className="week-button primary" onPress={onYes}>
              {w.confirm.yes}
            </Button>
            <Button className="week-button" onPress={onNo} autoFocus>
              {w.confirm.no}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
